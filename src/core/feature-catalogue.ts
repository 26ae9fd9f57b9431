/**
 * The feature catalogue: what the product knows of each AI feature beyond its rates (which are in
 * the rate cards). From it derive the calculator's lines and the volume tables of presets and plans
 * (`calculator`), the custom functions' quantity labels (`quantity`), and the names a usage export
 * may give it (`synonyms`, besides the cards' own names and ids). A new feature is a card row plus an
 * entry here; README "Extending" says which file does what.
 */

/** How the quick estimate asks for a feature's volume: per working day, per month, or as a number of users. */
export type VolumePeriod = "day" | "month" | "users";

export interface FeatureEntry {
  /** The feature's id on the rate cards. */
  readonly id: string;
  /** What a quantity of it is called in a function's messages ("Minutes"). */
  readonly quantity: string;
  /** The quick estimation template's line for it (1-7; the "other features" share 7), if it has one. */
  readonly calculator?: { readonly number: number; readonly label: string; readonly period: VolumePeriod };
  /** Other names in usage exports: plain text, or with the unit the name implies. */
  readonly synonyms: readonly (string | { readonly text: string; readonly unit: string })[];
}

export const FEATURE_CATALOGUE = [
  {
    id: "copilot",
    quantity: "Users",
    calculator: { number: 1, label: "Agent Copilot users", period: "users" },
    synonyms: ["Genesys Agent Copilot", "Genesys Cloud Agent Copilot", "AI Copilot", "Copilot", { text: "Agent Copilot Users", unit: "user" }],
  },
  {
    id: "virtualagent",
    quantity: "Sessions",
    calculator: { number: 2, label: "Virtual Agent sessions per day", period: "day" },
    synonyms: [
      "Genesys Virtual Agent",
      "AI Virtual Agent",
      { text: "Virtual Agent Sessions", unit: "session" },
      { text: "Virtual Agent Interactions", unit: "interaction" },
    ],
  },
  {
    id: "scoring",
    quantity: "Evaluations",
    calculator: { number: 3, label: "AI Scoring interactions per day", period: "day" },
    synonyms: ["Virtual Supervisor", { text: "AI Scoring Evaluations", unit: "evaluation" }],
  },
  {
    id: "voicebot",
    quantity: "Minutes",
    calculator: { number: 4, label: "Voice bot minutes per day", period: "day" },
    synonyms: ["Voice Bot", "Voicebot", { text: "Voice Bot Minutes", unit: "minute" }, { text: "Voice Bots Minutes", unit: "minute" }],
  },
  {
    id: "digitalbot",
    quantity: "Sessions",
    calculator: { number: 5, label: "Digital bot sessions per month", period: "month" },
    synonyms: ["Digital Bot", { text: "Digital Bot Sessions", unit: "session" }],
  },
  { id: "messaging", quantity: "Messages", calculator: { number: 6, label: "Messages per month", period: "month" }, synonyms: ["AI Messaging"] },
  {
    id: "translate",
    quantity: "Minutes",
    calculator: { number: 7, label: "AI Translate per month", period: "month" },
    synonyms: ["AI Translation", "Translation"],
  },
  {
    id: "social",
    quantity: "Posts",
    calculator: { number: 7, label: "Social posts per month", period: "month" },
    synonyms: [{ text: "Social Listening Posts", unit: "post" }],
  },
  {
    id: "analytics",
    quantity: "Users",
    calculator: { number: 7, label: "Speech & Text Analytics users", period: "users" },
    synonyms: ["Speech and Text Analytics", "Speech Analytics"],
  },
  { id: "summary", quantity: "Summaries", synonyms: ["AI Summary", "AI Summaries", "AI Summary and Insights", "Summary & Insights"] },
  {
    id: "agenticvirtualagent",
    quantity: "Interactions",
    synonyms: ["Agentic AI Virtual Agent", { text: "Agentic Virtual Agent Interactions", unit: "interaction" }],
  },
  { id: "predictiverouting", quantity: "Interactions", synonyms: [] },
  { id: "predictiveengagement", quantity: "Interactions", synonyms: [] },
] as const satisfies readonly FeatureEntry[];

type Entry = (typeof FEATURE_CATALOGUE)[number];

/** The features the quick estimate asks a volume of, in the template's order. */
export type VolumeFeature = Extract<Entry, { readonly calculator: object }>["id"];

/** A feature's catalogue entry, or undefined. */
export function catalogueEntry(id: string): FeatureEntry | undefined {
  return (FEATURE_CATALOGUE as readonly FeatureEntry[]).find((e) => e.id === id);
}
