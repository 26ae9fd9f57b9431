import type { RateCard } from "../ratecard";

const BILLING = "help.genesys.cloud/articles/ai-token-billing/ (read November 2026)";
const MODEL = "help.genesys.cloud/articles/genesys-cloud-tokens-model/ (read November 2026)";
const SUPERVISOR = "help.mypurecloud.com/faqs/how-are-supervisor-copilot-and-virtual-supervisor-billed/ (read November 2026)";
const THIRD_PARTY = "third-party copy of the Genesys pricing page (read November 2026)";

/**
 * The card of Genesys's own published pages. It differs from the study notes where a budget
 * feels it most: the free allocation is one amount for the organisation, Virtual Agent costs
 * half a token an interaction, AI Translate counts interactions, and Copilot depends on the licence.
 */
export const GENESYS_PUBLISHED_CARD = {
  id: "genesys-published",
  name: "Genesys published",
  source: "Genesys Cloud Resource Center: AI token billing and tokens model pages",
  date: "2026-11",
  description:
    "Genesys's own pages: 250 tokens a month for a named-licence organisation (350 concurrent), Copilot 40 tokens per named user or 60 per concurrent user, Virtual Agent 0.5 token an interaction, AI Translate 1 token per 2 interactions.",
  features: [
    {
      id: "copilot",
      name: "Agent Copilot",
      unit: "user",
      units: "users",
      tokens: { named: 40, concurrent: 60 },
      per: 1,
      source: MODEL,
      confidence: "confirmed",
      note: "40 tokens per named user, 60 per concurrent user, a month.",
    },
    { id: "scoring", name: "AI Scoring", unit: "evaluation", units: "evaluations", tokens: 1, per: 20, source: SUPERVISOR, confidence: "confirmed" },
    {
      id: "translate",
      name: "AI Translate",
      unit: "interaction",
      units: "interactions",
      tokens: 1,
      per: 2,
      perInteraction: true,
      source: BILLING,
      confidence: "confirmed",
      note: "Counted per interaction translated, not per minute.",
    },
    {
      id: "summary",
      name: "AI Summary & Insights",
      unit: "summary",
      units: "summaries",
      tokens: 1,
      per: 50,
      source: BILLING,
      confidence: "confirmed",
      note: "No charge when Copilot made the summary.",
    },
    { id: "voicebot", name: "Voice Bots", unit: "minute", units: "minutes", tokens: 1, per: 17, source: BILLING, confidence: "confirmed" },
    { id: "digitalbot", name: "Digital Bots", unit: "session", units: "sessions", tokens: 1, per: 51, source: BILLING, confidence: "confirmed" },
    {
      id: "messaging",
      name: "Messaging",
      unit: "message",
      units: "messages",
      tokens: 1,
      per: 400,
      source: BILLING,
      confidence: "confirmed",
      note: "Inbound or outbound messages.",
    },
    {
      id: "virtualagent",
      name: "Virtual Agent",
      unit: "interaction",
      units: "interactions",
      tokens: 0.5,
      per: 1,
      perInteraction: true,
      source: BILLING,
      confidence: "confirmed",
      note: "When one interaction uses several AI resources, only the highest rate is charged.",
    },
    {
      id: "agenticvirtualagent",
      name: "Agentic Virtual Agent",
      unit: "interaction",
      units: "interactions",
      tokens: 1.2,
      per: 1,
      perInteraction: true,
      source: MODEL,
      confidence: "confirmed",
      note: "Charged as soon as the flow contains the agentic block (an older billing-scenarios page said 1).",
    },
    {
      id: "predictiverouting",
      name: "Predictive Routing",
      unit: "interaction",
      units: "interactions",
      tokens: 0,
      per: 1,
      included: true,
      source: MODEL,
      confidence: "unconfirmed",
    },
    {
      id: "predictiveengagement",
      name: "Predictive Engagement",
      unit: "interaction",
      units: "interactions",
      tokens: 0,
      per: 1,
      included: true,
      source: MODEL,
      confidence: "unconfirmed",
    },
  ],
  allocation: {
    basis: "per-organisation",
    named: 250,
    concurrent: 350,
    addOnPerUser: { named: 30, concurrent: 39, condition: "CX 4 licences", source: THIRD_PARTY, confidence: "unconfirmed" },
    source: MODEL,
    confidence: "confirmed",
  },
  pricing: {
    defaultCurrency: "USD",
    perToken: { USD: 1.0, CAD: 1.1, AUD: 1.3, NZD: 1.4, GBP: 0.7, EUR: 0.8, BRL: 4.0, JPY: 120, ZAR: 14.2 },
    source: BILLING,
    confidence: "confirmed",
  },
  carryover: false,
} as const satisfies RateCard;
