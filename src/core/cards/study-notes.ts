import type { RateCard } from "../ratecard";

const NOTES = "Genesys PureCloud AI Tokens & Pricing study notes, v1.0 (March 2026)";

/**
 * The study-notes card: the figures of the analysts' study notes. The default card, so that
 * every formula written against it keeps its value.
 */
export const STUDY_NOTES_CARD = {
  id: "study-notes",
  name: "Study notes",
  source: NOTES,
  date: "2026-03",
  description:
    "The rates of the study notes: allocation of 250 tokens per named user (350 per concurrent user), Copilot budgeted at 50 tokens a user, Virtual Agent at 2 tokens a session.",
  features: [
    {
      id: "copilot",
      name: "Agent Copilot",
      unit: "user",
      units: "users",
      tokens: 50,
      per: 1,
      range: { low: 40, high: 60 },
      source: NOTES,
      confidence: "secondary",
      note: "40-60 tokens a user a month; 50 is the notes' budgeting figure.",
    },
    {
      id: "analytics",
      name: "Speech & Text Analytics",
      unit: "user",
      units: "users",
      tokens: 37.5,
      per: 1,
      range: { low: 30, high: 45 },
      source: NOTES,
      confidence: "secondary",
      note: "30-45 tokens a user a month; no budgeting figure given, so the midpoint.",
    },
    { id: "scoring", name: "AI Scoring", unit: "evaluation", units: "evaluations", tokens: 1, per: 20, source: NOTES, confidence: "secondary" },
    {
      id: "translate",
      name: "AI Translate",
      unit: "minute",
      units: "minutes",
      tokens: 1,
      per: 100,
      source: NOTES,
      confidence: "secondary",
      note: "Minutes of transcript.",
    },
    { id: "voicebot", name: "Voice Bots", unit: "minute", units: "minutes", tokens: 1, per: 17, source: NOTES, confidence: "secondary" },
    { id: "digitalbot", name: "Digital Bots", unit: "session", units: "sessions", tokens: 1, per: 51, source: NOTES, confidence: "secondary" },
    {
      id: "messaging",
      name: "Messaging",
      unit: "message",
      units: "messages",
      tokens: 1,
      per: 400,
      source: NOTES,
      confidence: "secondary",
      note: "Facebook, Instagram, WhatsApp, X, Apple Business Chat.",
    },
    { id: "social", name: "Social listening", unit: "post", units: "posts", tokens: 1, per: 400, source: NOTES, confidence: "secondary" },
    { id: "virtualagent", name: "Virtual Agent", unit: "session", units: "sessions", tokens: 2, per: 1, source: NOTES, confidence: "secondary" },
    {
      id: "predictiverouting",
      name: "Predictive Routing",
      unit: "interaction",
      units: "interactions",
      tokens: 0,
      per: 1,
      included: true,
      source: NOTES,
      confidence: "secondary",
    },
    {
      id: "predictiveengagement",
      name: "Predictive Engagement",
      unit: "interaction",
      units: "interactions",
      tokens: 0,
      per: 1,
      included: true,
      source: NOTES,
      confidence: "secondary",
    },
  ],
  allocation: { basis: "per-user", named: 250, concurrent: 350, source: NOTES, confidence: "secondary" },
  pricing: { defaultCurrency: "USD", perToken: { USD: 1 }, source: NOTES, confidence: "secondary" },
  carryover: false,
} as const satisfies RateCard;
