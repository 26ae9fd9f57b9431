/** The calculator kind: the notes' quick estimate of one month, from the profile. */
import { estimate, formatMoney, formatPercent, formatTokens, InputError, type Profile } from "../../core";
import { CALCULATOR_PRESETS } from "../../core/presets";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../../sheets/calculator";
import type { SheetKindParts } from "./kind";

const percent = formatPercent;

export const CALCULATOR_KIND: SheetKindParts<Profile> = {
  sheetName: CALCULATOR_SHEET_NAME,
  presets: CALCULATOR_PRESETS.map((p) => ({ id: p.id, label: p.label, plan: { profile: p.profile } })),
  inputOf: (w) => w.profile,
  build: (profile, sheetName) => buildCalculatorSheet(profile, { sheetName }),
  summary: (profile, w) => {
    const est = estimate(profile, w.card);
    if (est instanceof InputError) throw new Error(est.message);
    return {
      title: "",
      rows: [
        ["Monthly consumption", `${formatTokens(est.total)} tokens`],
        ...(est.otherTokens > 0 ? [["Other features", `${formatTokens(est.otherTokens)} tokens a month (your own figure)`] as [string, string]] : []),
        ...est.ownLines.map((l): [string, string] => [
          l.name,
          `${formatTokens(l.tokens)} tokens (${formatTokens(l.quantity)} ${l.units}, the contract's feature)`,
        ]),
        ...(est.unpriced.length > 0 ? [["Not priced", `${est.unpriced.join("; ")}: the card has no rate, counted 0`] as [string, string]] : []),
        ["Monthly allocation", `${formatTokens(est.allocation)} tokens`],
        ...(est.committed > 0 ? [["Committed tokens", `${formatTokens(est.committed)} tokens a month (the contract's)`] as [string, string]] : []),
        ["Monthly overage", `${formatTokens(est.overage)} tokens`],
        ["Annual overage cost", formatMoney(est.annualCost, profile.currency)],
        ["Utilisation", est.utilisation === null ? `n/a (no allocation), ${est.health}` : `${percent(est.utilisation)} (${est.health})`],
        ...(est.unused.share === null
          ? []
          : [["Unused allocation", `${formatTokens(est.unused.tokens)} tokens, ${percent(est.unused.share)}: ${est.unused.text}`] as [string, string]]),
      ],
    };
  },
  fileName: (profile) => profile.name.trim() || CALCULATOR_SHEET_NAME,
};
