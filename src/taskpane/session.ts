/**
 * What one taskpane session remembers across tabs: the annual budget sheet inserted last, under the
 * name Excel gave it, with its twelve months of forecast consumption. The Usage dashboard tab links
 * its variance table to that sheet. Page state only: nothing here is read by the custom functions.
 */
import type { PlanMonths } from "../core/usage-dashboard";

export interface InsertedBudget {
  /** The sheet's actual name, e.g. "Annual Budget (2)". */
  readonly sheetName: string;
  /** The plan's months as inserted (year, month, forecast consumption), month 1 first. */
  readonly plan: PlanMonths;
}

export interface Session {
  insertedBudget(): InsertedBudget | null;
  rememberBudget(budget: InsertedBudget): void;
  onBudgetInserted(listener: (budget: InsertedBudget) => void): void;
}

export function createSession(): Session {
  let budget: InsertedBudget | null = null;
  const listeners: ((b: InsertedBudget) => void)[] = [];
  return {
    insertedBudget: () => budget,
    rememberBudget(b) {
      budget = b;
      for (const l of listeners) l(b);
    },
    onBudgetInserted: (l) => void listeners.push(l),
  };
}

/** The page's session, shared by the tabs. */
export const SESSION: Session = createSession();
