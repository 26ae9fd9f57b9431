/**
 * The contact-center profiles of the study notes' worked examples, as data. The same ids are used
 * by the taskpane and the command line.
 */
import { zeroVolumes, type Profile, type VolumeFeature } from "./estimate";
import { WORKING_DAYS_PER_MONTH } from "./planning-rules";

const NONE: Record<VolumeFeature, number> = zeroVolumes();

const base = {
  card: "study-notes",
  licence: "named",
  workingDays: WORKING_DAYS_PER_MONTH,
  currency: "USD",
  pricePerToken: 1,
  rounding: "line",
  level: "mid",
  tokensPerUser: {},
} as const;

export interface CalculatorPreset {
  readonly id: string;
  readonly label: string;
  readonly profile: Profile;
}

export const CALCULATOR_PRESETS: readonly CalculatorPreset[] = [
  {
    id: "small",
    label: "Small contact center (50 agents)",
    profile: { ...base, name: "Small contact center", users: 50, volumes: { ...NONE, copilot: 50, scoring: 200, messaging: 500, virtualagent: 50 } },
  },
  {
    id: "mid-market",
    label: "Mid-market center (200 agents)",
    profile: {
      ...base,
      name: "Mid-market center",
      users: 200,
      // Voice bots: 1,000 interactions of 5 minutes a month = 250 minutes per working day.
      volumes: { ...NONE, copilot: 200, scoring: 500, translate: 300, messaging: 5000, voicebot: 250, virtualagent: 200 },
      tokensPerUser: { copilot: 55 },
    },
  },
  {
    id: "enterprise",
    label: "Enterprise center (1,000 agents)",
    profile: {
      ...base,
      name: "Enterprise center",
      users: 1000,
      // Voice bots: 5,000 interactions of 4 minutes a month = 1,000 minutes per working day.
      volumes: { ...NONE, copilot: 1000, scoring: 2000, translate: 3000, messaging: 50000, voicebot: 1000, digitalbot: 10000, virtualagent: 1000 },
    },
  },
];

export function findPreset(id: string): CalculatorPreset | undefined {
  return CALCULATOR_PRESETS.find((p) => p.id === id);
}

/** An empty profile on the default card: every volume 0. */
export const BLANK_PROFILE: Profile = { ...base, name: "", users: 0, volumes: NONE };
