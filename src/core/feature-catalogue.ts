/**
 * The feature catalogue: what the product knows of each AI feature beyond its rates (which are in
 * the rate cards). From it derive the calculator's lines and the volume tables of presets and plans
 * (`calculator`), the custom functions' quantity labels (`quantity`), a custom function of its own
 * with its help (`function`: name, description, arguments and examples derive from the cards), and the
 * names a usage export may give it (`synonyms`, besides the cards' own names and ids). A new feature is
 * a card row plus an entry here; README "Extending" says which file does what.
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
  /**
   * Its own custom function, `=TOKENS.<name>(quantity, ...)`, if it has one; `example` is the
   * quantity its help's examples use. Description, arguments and examples derive from the cards.
   */
  readonly function?: { readonly name: string; readonly example: number };
  /** Other names in usage exports: plain text, or with the unit the name implies. */
  readonly synonyms: readonly (string | { readonly text: string; readonly unit: string })[];
}

export const FEATURE_CATALOGUE = [
  {
    id: "copilot",
    function: { name: "COPILOT", example: 50 },
    quantity: "Users",
    calculator: { number: 1, label: "Agent Copilot users", period: "users" },
    synonyms: ["Genesys Agent Copilot", "Genesys Cloud Agent Copilot", "AI Copilot", "Copilot", { text: "Agent Copilot Users", unit: "user" }],
  },
  {
    id: "virtualagent",
    function: { name: "VIRTUALAGENT", example: 1000 },
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
    function: { name: "SCORING", example: 4000 },
    quantity: "Evaluations",
    calculator: { number: 3, label: "AI Scoring interactions per day", period: "day" },
    synonyms: ["Virtual Supervisor", { text: "AI Scoring Evaluations", unit: "evaluation" }],
  },
  {
    id: "voicebot",
    function: { name: "VOICEBOT", example: 5000 },
    quantity: "Minutes",
    calculator: { number: 4, label: "Voice bot minutes per day", period: "day" },
    synonyms: ["Voice Bot", "Voicebot", { text: "Voice Bot Minutes", unit: "minute" }, { text: "Voice Bots Minutes", unit: "minute" }],
  },
  {
    id: "digitalbot",
    function: { name: "DIGITALBOT", example: 10000 },
    quantity: "Sessions",
    calculator: { number: 5, label: "Digital bot sessions per month", period: "month" },
    synonyms: ["Digital Bot", { text: "Digital Bot Sessions", unit: "session" }],
  },
  {
    id: "messaging",
    function: { name: "MESSAGING", example: 5000 },
    quantity: "Messages",
    calculator: { number: 6, label: "Messages per month", period: "month" },
    synonyms: ["AI Messaging"],
  },
  {
    id: "translate",
    function: { name: "TRANSLATE", example: 300 },
    quantity: "Minutes",
    calculator: { number: 7, label: "AI Translate per month", period: "month" },
    synonyms: ["AI Translation", "Translation"],
  },
  {
    id: "social",
    function: { name: "SOCIAL", example: 800 },
    quantity: "Posts",
    calculator: { number: 7, label: "Social posts per month", period: "month" },
    synonyms: [{ text: "Social Listening Posts", unit: "post" }],
  },
  {
    id: "analytics",
    function: { name: "ANALYTICS", example: 10 },
    quantity: "Users",
    calculator: { number: 7, label: "Speech & Text Analytics users", period: "users" },
    synonyms: ["Speech and Text Analytics", "Speech Analytics"],
  },
  { id: "summary", quantity: "Summaries", synonyms: ["AI Summary", "AI Summaries", "AI Summary and Insights", "Summary & Insights"] },
  {
    id: "agenticvirtualagent",
    function: { name: "AGENTICVA", example: 1000 },
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
