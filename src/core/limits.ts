/**
 * The structural limits of the product, in one table: how many sites and initiatives a plan may
 * have, how long any text a person types may be, how large a file is read. Every face (the pane,
 * plan files and their schema, the command line) reads these figures, so the same input gets the
 * same verdict everywhere, and every piece of work is bounded before it starts.
 *
 * The figures are generous for real budgets (the largest example has 3 sites) and small enough
 * that the largest accepted plan is written well inside Node's default heap (`npm run bench`
 * measures it).
 */
import type { FieldProblem } from "./estimate";

export const LIMITS = {
  /** Characters of any text field: a scenario, plan, site, initiative, period or month name. */
  textLength: 100,
  /** Sites (cost centres) of an annual budget, each with up to one row per calculator line. */
  sites: 500,
  /** Initiatives (new deployments) of an annual budget. */
  initiatives: 20,
  /** Bytes of a plan file: a plan with every site at its longest is about 0.4 MB. */
  planFileBytes: 1024 * 1024,
  /** Bytes of a usage export read from disk or a browser file, and characters of a pasted one. */
  usageFileBytes: 50_000_000,
} as const;

/** A text field longer than the limit, as a sentence; undefined when it fits. */
export function textTooLong(text: string, what: string): string | undefined {
  return text.length > LIMITS.textLength
    ? `${what} has ${text.length.toLocaleString("en-US")} characters; at most ${LIMITS.textLength} are allowed.`
    : undefined;
}

/** A list longer than its limit, as a sentence; undefined when it fits. */
export function tooMany(count: number, limit: "sites" | "initiatives"): string | undefined {
  return count > LIMITS[limit] ? `A budget has at most ${LIMITS[limit]} ${limit}; this one has ${count.toLocaleString("en-US")}.` : undefined;
}

/** The limit problems of a text field, for a form or a plan: [] when it fits. */
export function textProblems(field: string, text: unknown, what: string): FieldProblem[] {
  const message = typeof text === "string" ? textTooLong(text, what) : undefined;
  return message ? [{ field, message }] : [];
}
