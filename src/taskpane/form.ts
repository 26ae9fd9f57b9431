/**
 * The calculator form as data: what the analyst typed (text, exactly as typed), how it becomes a
 * core Profile, and the pure state changes of the form (a preset, a card, a currency, a keystroke).
 * No DOM here: calculator-panel.ts only copies these values in and out of the inputs.
 *
 * The Annual budget and Usage dashboard forms are built on the same pieces, exported here: the number
 * gate, the reading of typed numbers into problems, the profile's fields (a budget form is a
 * calculator form with a year around it), the card and its price, and the preset picker.
 */
import { CARDS, getCard, knownCards } from "../core/cards";
import type { CompiledCard } from "../core/card-registry";
import { pricePerToken } from "../core/cost";
import { CURRENCY_CODES, type CurrencyCode } from "../core/currencies";
import { InputError } from "../core/errors";
import { readNumberText, separatorsOf, type Separators } from "../core/input-rules";
import {
  CALCULATOR_LINES,
  PER_USER_FEATURES,
  profileProblems,
  VOLUME_FEATURES,
  type FieldProblem,
  type PerUserFeature,
  type Profile,
  type VolumeFeature,
} from "../core/estimate";
import { findPreset, CALCULATOR_PRESETS } from "../core/presets";
import { LICENCE_MODELS, RATE_LEVELS, type LicenceModel, type RateLevel } from "../core/ratecard";
import { ROUNDING_RULES, type RoundingRule } from "../core/rounding";

/** The preset picker's value when the form holds the analyst's own profile. */
export const CUSTOM_PRESET = "custom";

export interface FormValues {
  /** A preset id of the tab's presets (CALCULATOR_PRESETS here), or CUSTOM_PRESET. */
  readonly preset: string;
  readonly name: string;
  readonly card: string;
  readonly licence: string;
  readonly users: string;
  readonly workingDays: string;
  readonly currency: string;
  readonly pricePerToken: string;
  /** True once the analyst typed a price: changing the currency or the card then keeps it. */
  readonly priceTyped: boolean;
  readonly rounding: string;
  readonly level: string;
  readonly volumes: Readonly<Record<VolumeFeature, string>>;
  /** Blank: the card's rate. */
  readonly tokensPerUser: Readonly<Record<PerUserFeature, string>>;
  /** Line 7's free token entry, tokens a month (the analyst's own figure); blank is 0. */
  readonly otherTokens: string;
  /** Volumes a month of the card's own features (a contract's), by feature id; a feature left out is 0. */
  readonly ownVolumes: Readonly<Record<string, string>>;
}

/**
 * A field of the form, named by its Profile path ("users", "volumes.voicebot", "tokensPerUser.copilot"):
 * the same path profileProblems() uses, so a problem finds its input.
 */
export type FieldPath =
  | "preset"
  | "name"
  | "card"
  | "licence"
  | "users"
  | "workingDays"
  | "currency"
  | "pricePerToken"
  | "rounding"
  | "level"
  | `volumes.${VolumeFeature}`
  | `tokensPerUser.${PerUserFeature}`
  | "otherTokens";

/** The field of a volume of the card's own feature: "ownVolumes.email-assist" (core problems name it "volumes.email-assist"). */
export type OwnVolumePath = `ownVolumes.${string}`;
export const ownVolumePath = (id: string): OwnVolumePath => `ownVolumes.${id}`;

/** Every field in the order of the form (and of its problems). */
export const FIELD_ORDER: readonly FieldPath[] = [
  "preset",
  "name",
  "card",
  "licence",
  "users",
  "workingDays",
  "currency",
  "pricePerToken",
  ...CALCULATOR_LINES.flatMap((line): FieldPath[] =>
    (PER_USER_FEATURES as readonly string[]).includes(line.feature)
      ? [`volumes.${line.feature}`, `tokensPerUser.${line.feature as PerUserFeature}`]
      : [`volumes.${line.feature}`],
  ),
  "otherTokens",
  "rounding",
  "level",
];

/** The id of a field's input element: "f-users", "f-volumes-voicebot". */
export const inputId = (path: FieldPath): string => `f-${path.replace(".", "-")}`;

/** A path of the fields every profile form has (the calculator's; the budget form has more). */
export const isFieldPath = (path: string): path is FieldPath => (FIELD_ORDER as readonly string[]).includes(path);

/**
 * Edits of these fields keep the preset's name in the picker: they say how the profile is priced, not
 * what it plans. Any other edit makes the figures the analyst's own ("Custom").
 */
const KEEPS_PRESET: readonly string[] = ["preset", "name", "card", "currency", "pricePerToken", "rounding", "level"];

export type ParsedNumber = { readonly value: number } | { readonly message: string };

/**
 * The separators typed numbers are read with: the browser's (Intl) until the host gives Excel's own
 * (taskpane.ts reads them through src/excel once Office is ready).
 */
let typing: Separators = separatorsOf();

/** Reads typed numbers with these separators from now on. */
export function useTypingSeparators(sep: Separators): void {
  typing = sep;
}

/**
 * The pane's face of the one input gate (src/core/input-rules.ts): text read in the analyst's
 * locale ("1.000" is 1,000 in de-DE, "1,000" is 1,000 in en-US, text only a guess could read is
 * refused). Blank gives `blank` (a value, or a message when the field is required). The field's
 * bounds are checked with the profile (profileProblems), so a message names the field's rule.
 */
export function parseNumberText(text: string, what: string, blank: number | "required", sep: Separators = typing): ParsedNumber {
  const r = readNumberText(text, sep, what, blank);
  if (typeof r !== "number")
    return { message: r.message.startsWith(`${what} must be a number`) ? `${what} must be a number, e.g. ${example(what)}.` : r.message };
  if (!Number.isFinite(r)) return { message: `${what} must be a finite number.` };
  return { value: r };
}

/** An example that fits the field, by what the field is called: typed into it, it is accepted. */
const EXAMPLES: readonly (readonly [RegExp, string])[] = [
  [/price/i, "1.00"],
  [/multiplier/i, "1.2"],
  [/growth rate/i, "1.5"],
  [/buffer/i, "20"],
  [/start year/i, "2026"],
  [/month$|go-live/i, "3"],
  [/days in the period/i, "31"],
  [/days elapsed/i, "10"],
  [/working days/i, "20"],
  [/top-up|tokens a month|budgeted tokens|actual tokens|allocation/i, "5000"],
];
const example = (what: string): string => EXAMPLES.find(([re]) => re.test(what))?.[1] ?? "50";

/** Reads one typed number of a field: its value, or 0 with the field's problem noted. */
export type NumberReader<P extends string> = (path: P, text: string, what: string, blank: number | "required") => number;

/**
 * Reading typed numbers into `problems`: `num` reads through the number gate, `read` takes a result
 * already parsed (a percentage). A field that cannot be read counts 0 and its message is noted.
 */
export function numberReader<P extends string>(problems: FieldProblem[]): { num: NumberReader<P>; read: (path: P, r: ParsedNumber) => number } {
  const read = (path: P, r: ParsedNumber): number => {
    if ("message" in r) {
      problems.push({ field: path, message: r.message });
      return 0;
    }
    return r.value;
  };
  return { read, num: (path, text, what, blank) => read(path, parseNumberText(text, what, blank)) };
}

/** The volumes and own tokens-per-user figures of a form, read as numbers (a blank own rate is the card's). */
export function readVolumes(
  v: Pick<FormValues, "volumes" | "tokensPerUser" | "otherTokens" | "ownVolumes">,
  num: NumberReader<FieldPath>,
): {
  volumes: Record<VolumeFeature, number>;
  tokensPerUser: Partial<Record<PerUserFeature, number>>;
  otherTokens?: number;
  ownVolumes?: Record<string, number>;
} {
  const volumes = {} as Record<VolumeFeature, number>;
  for (const line of CALCULATOR_LINES) volumes[line.feature] = num(`volumes.${line.feature}`, v.volumes[line.feature], line.label, 0);
  const tokensPerUser: Partial<Record<PerUserFeature, number>> = {};
  for (const f of PER_USER_FEATURES) {
    const text = v.tokensPerUser[f];
    if (text.trim() !== "") tokensPerUser[f] = num(`tokensPerUser.${f}`, text, "Tokens per user", 0);
  }
  const other = (v.otherTokens ?? "").trim() === "" ? 0 : num("otherTokens", v.otherTokens, "Other features' tokens a month", 0);
  const ownVolumes: Record<string, number> = {};
  for (const [id, text] of Object.entries(v.ownVolumes ?? {}))
    if (text.trim() !== "") ownVolumes[id] = num(ownVolumePath(id) as FieldPath, text, "A volume a month", 0);
  return {
    volumes,
    tokensPerUser,
    ...(other !== 0 ? { otherTokens: other } : {}),
    ...(Object.keys(ownVolumes).length > 0 ? { ownVolumes } : {}),
  };
}

/** A core problem of a profile as the form names its field: an own feature's volume is "ownVolumes.<id>". */
export function formField(field: string, own: readonly string[]): string {
  const m = /^volumes\.(.+)$/.exec(field);
  return m && own.includes(m[1]) ? ownVolumePath(m[1]) : field;
}

/**
 * One message per field, the first found; in the order of `order` when given (fields it does not
 * list go last).
 */
export function onePerField(problems: readonly FieldProblem[], order?: readonly string[]): FieldProblem[] {
  const seen = new Set<string>();
  const one = problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
  if (order) {
    const rank = (field: string): number => {
      const i = order.indexOf(field);
      return i < 0 ? order.length : i;
    };
    one.sort((a, b) => rank(a.field) - rank(b.field));
  }
  return one;
}

const NUMBER_FIELDS: readonly { path: FieldPath; what: string; blank: number | "required" }[] = [
  { path: "users", what: "The number of users", blank: "required" },
  { path: "workingDays", what: "Working days per month", blank: "required" },
  { path: "pricePerToken", what: "The price per token", blank: "required" },
];

/** What the form gives: the profile (0 where a number could not be read) and every problem, in form order. */
export interface ParsedForm {
  readonly profile: Profile;
  readonly problems: readonly FieldProblem[];
}

export function parseForm(v: FormValues): ParsedForm {
  const problems: FieldProblem[] = [];
  const { num } = numberReader<FieldPath>(problems);
  const numbers: Record<string, number> = {};
  for (const f of NUMBER_FIELDS) numbers[f.path] = num(f.path, v[f.path as "users"], f.what, f.blank);
  const profile: Profile = {
    name: v.name,
    card: v.card,
    licence: v.licence as LicenceModel,
    users: numbers.users,
    workingDays: numbers.workingDays,
    currency: v.currency as CurrencyCode,
    pricePerToken: numbers.pricePerToken,
    rounding: v.rounding as RoundingRule,
    level: v.level as RateLevel,
    ...readVolumes(v, num),
  };
  // The core's checks (negative, unknown card...) for every field that was read as a number or a choice.
  const unread = new Set(problems.map((p) => p.field));
  const own = Object.keys(v.ownVolumes ?? {});
  for (const p of profileProblems(profile, knownCards())) {
    const field = formField(p.field, own);
    if (!unread.has(field)) problems.push({ ...p, field });
  }
  return { profile, problems: onePerField(problems, FIELD_ORDER) };
}

/** The card of a form; the default card when the form names none it knows. */
export function cardOf(v: Pick<FormValues, "card">): CompiledCard {
  const c = getCard(v.card);
  return c instanceof InputError ? CARDS[0] : c;
}

/** The card's price of a token in a currency, as the price field shows it ("" when the card has none). */
export function cardPriceText(card: CompiledCard, currency: string): string {
  const p = pricePerToken(card, currency);
  return p instanceof InputError ? "" : String(p);
}

/** The form filled from a profile (a preset's or a blank one; an annual plan holds one too). */
export function formFromProfile(p: Profile, preset: string = CUSTOM_PRESET): FormValues {
  const volumes = {} as Record<VolumeFeature, string>;
  for (const f of VOLUME_FEATURES) volumes[f] = String(p.volumes[f]);
  const tokensPerUser = {} as Record<PerUserFeature, string>;
  for (const f of PER_USER_FEATURES) tokensPerUser[f] = p.tokensPerUser[f] === undefined ? "" : String(p.tokensPerUser[f]);
  const card = getCard(p.card);
  const priceText = card instanceof InputError ? String(p.pricePerToken) : cardPriceText(card, p.currency);
  const ownVolumes: Record<string, string> = {};
  for (const [id, x] of Object.entries(p.ownVolumes ?? {})) ownVolumes[id] = String(x);
  return {
    preset,
    name: p.name,
    card: p.card,
    licence: p.licence,
    users: String(p.users),
    workingDays: String(p.workingDays),
    currency: p.currency,
    pricePerToken: String(p.pricePerToken),
    // A preset's price that is not the card's price for its currency counts as typed.
    priceTyped: priceText !== String(p.pricePerToken),
    rounding: p.rounding,
    level: p.level,
    volumes,
    tokensPerUser,
    otherTokens: p.otherTokens ? String(p.otherTokens) : "",
    ownVolumes,
  };
}

/** The form the taskpane opens with: the first preset. */
export function initialForm(): FormValues {
  const first = CALCULATOR_PRESETS[0];
  return formFromProfile(first.profile, first.id);
}

/**
 * Picks a preset: its contact-center profile (name, licence, users, working days, volumes, own rates)
 * replaces the form's; the analyst's card, currency, price, rounding and rate level stay.
 * "Custom" keeps the form as it is.
 */
export function applyPreset(v: FormValues, presetId: string): FormValues {
  const preset = findPreset(presetId);
  if (!preset) return { ...v, preset: CUSTOM_PRESET };
  const p = formFromProfile(preset.profile, preset.id);
  return {
    ...p,
    card: v.card,
    currency: v.currency,
    pricePerToken: v.pricePerToken,
    priceTyped: v.priceTyped,
    rounding: v.rounding,
    level: v.level,
    ownVolumes: v.ownVolumes,
  };
}

/** The fields of a form that price it: the card, the currency and the price per token. */
type Priced = Pick<FormValues, "card" | "currency" | "pricePerToken" | "priceTyped">;

/** The price field after the card or the currency changed: the card's regional price unless the analyst typed one. */
function withCardPrice<T extends Priced>(v: T): T {
  return v.priceTyped ? v : { ...v, pricePerToken: cardPriceText(cardOf(v), v.currency) };
}

export function changeCard<T extends Priced>(v: T, cardId: string): T {
  return withCardPrice({ ...v, card: cardId });
}

export function changeCurrency<T extends Priced>(v: T, code: string): T {
  return withCardPrice({ ...v, currency: code });
}

/** Forgets a typed price: the field shows the card's price for the currency again. */
export function useCardPrice<T extends Priced>(v: T): T {
  return withCardPrice({ ...v, priceTyped: false });
}

/** The value of a field as the form holds it. */
export function fieldValue(v: FormValues, path: FieldPath): string {
  const [head, tail] = path.split(".") as [string, string | undefined];
  if (head === "volumes") return v.volumes[tail as VolumeFeature];
  if (head === "tokensPerUser") return v.tokensPerUser[tail as PerUserFeature];
  if (head === "ownVolumes") return v.ownVolumes[tail!] ?? "";
  return v[head as Exclude<FieldPath, `volumes.${string}` | `tokensPerUser.${string}`>] as string;
}

/**
 * The form after the analyst typed or chose `text` in a field other than the preset picker: the card
 * or the currency bring their price, a typed price is kept, any edit of the figures makes them "Custom".
 * For any form that holds the profile's fields (the calculator's, the annual budget's).
 */
export function editProfileField<T extends FormValues>(v: T, path: Exclude<FieldPath, "preset">, text: string): T {
  if (path === "card") return changeCard(v, text);
  if (path === "currency") return changeCurrency(v, text);
  if (path === "pricePerToken") return { ...v, pricePerToken: text, priceTyped: text.trim() !== "" };
  const preset = KEEPS_PRESET.includes(path) ? v.preset : CUSTOM_PRESET;
  const [head, tail] = path.split(".") as [string, string | undefined];
  if (head === "volumes") return { ...v, preset, volumes: { ...v.volumes, [tail as VolumeFeature]: text } };
  if (head === "tokensPerUser") return { ...v, preset, tokensPerUser: { ...v.tokensPerUser, [tail as PerUserFeature]: text } };
  if (head === "ownVolumes") return { ...v, preset, ownVolumes: { ...v.ownVolumes, [tail!]: text } };
  return { ...v, preset, [path]: text };
}

/** The form after the analyst typed or chose `text` in a field. */
export function editField(v: FormValues, path: FieldPath, text: string): FormValues {
  return path === "preset" ? applyPreset(v, text) : editProfileField(v, path, text);
}

/** A list with its i-th item replaced (the form's rows are immutable). */
export const replaceAt = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, k) => (k === i ? x : y));

/** The preset picker's choices: the presets, then "Custom". */
export const presetChoices = (presets: readonly { readonly id: string; readonly label: string }[]): { value: string; label: string }[] => [
  ...presets.map((p) => ({ value: p.id, label: p.label })),
  { value: CUSTOM_PRESET, label: "Custom (your own figures)" },
];

/** The choices of the pickers, as data. */
export const CHOICES = {
  preset: presetChoices(CALCULATOR_PRESETS),
  card: CARDS.map((c) => ({ value: c.id, label: c.card.name })),
  currency: CURRENCY_CODES.map((code) => ({ value: code, label: code })),
  licence: LICENCE_MODELS.map((m) => ({ value: m, label: m === "named" ? "Named" : "Concurrent" })),
  rounding: ROUNDING_RULES.map((r) => ({
    value: r,
    label: r === "line" ? "Per line, half up" : r === "up" ? "Per line, up" : "Exact (no rounding)",
  })),
  level: RATE_LEVELS.map((l) => ({ value: l, label: l === "mid" ? "Expected" : l === "low" ? "Low" : "High" })),
} as const;
