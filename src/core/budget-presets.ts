/**
 * The annual plans of the study notes' budget examples (shared/domain.md section 2), as data.
 * The ids are the ones the taskpane and the command line offer: `growth` and `seasonal`.
 */
import { byCalendarMonth, DEFAULT_BUFFERS, planFromProfile, type AnnualPlan } from "./annual-plan";
import { zeroVolumes, type Profile, type VolumeFeature } from "./estimate";
import { findPreset } from "./presets";

export interface BudgetPreset {
  readonly id: string;
  readonly label: string;
  readonly plan: AnnualPlan;
}

const NONE: Record<VolumeFeature, number> = zeroVolumes();

function profileOf(id: string): Profile {
  const p = findPreset(id);
  if (!p) throw new Error(`Budget presets need the calculator preset "${id}".`);
  return p.profile;
}

const MID_MARKET = profileOf("mid-market");

/**
 * The notes' "Real-World Budget Example": the mid-market center of March 2026 (19,810 tokens a month
 * against 50,000) plans the next twelve months, April 2026 to March 2027. It grows from 200 to 250
 * named users in equal steps (+50 agents), so the allocation rises to 250 x 250 = 62,500; a new
 * Virtual Agent deployment and expanded messaging channels add the notes' expected +8,000 tokens a
 * month (here from the fourth month, July 2026). The last month: 27,810 tokens against 62,500,
 * utilisation 44.5%, no overage, no extra cost. The notes' +8,000 is the whole increase, the new
 * agents' Copilot included, so Copilot seats stay at the baseline (they do not follow the users):
 * following them would count the new agents twice.
 */
const GROWTH_PLAN: AnnualPlan = planFromProfile(MID_MARKET, {
  name: "Mid-market center: growth to 250 agents",
  startMonth: 4,
  startYear: 2026,
  growth: { kind: "target", users: 250 },
  userFeaturesFollowUsers: false,
  initiatives: [{ name: "New Virtual Agent deployment and expanded messaging channels", tokensPerMonth: 8000, goLive: 4 }],
  buffers: DEFAULT_BUFFERS,
});

/**
 * The notes' "Seasonal Spike Management" scenario: a holiday retailer with heavy AI use in December
 * and January and little in June to August. 120 named users give the base allocation of
 * 120 x 250 = 30,000 tokens a month. The plan runs July 2026 to June 2027 so the peak sits in the
 * middle. In an ordinary month 80 Copilot seats (4,000), 550 Virtual Agent sessions a day (22,000)
 * and 2,000 scored interactions a day (2,000) use 28,000 tokens; December and January run volumes
 * x1.5 (Copilot seats do not change): 4,000 + 33,000 + 3,000 = 40,000, so each needs 10,000 tokens
 * beyond the allocation. 10,000 are bought for each (20,000 for the season) at USD 1.00:
 * USD 20,000 for the year. June to August run x0.5 (16,000 tokens): their unused allocation is lost,
 * and no month costs anything beyond the two top-ups.
 */
const SEASONAL_PLAN: AnnualPlan = {
  name: "Holiday retailer: December-January peak",
  card: "study-notes",
  licence: "named",
  startMonth: 7,
  startYear: 2026,
  users: 120,
  growth: { kind: "users", perMonth: 0 },
  userFeaturesFollowUsers: true,
  workingDays: 20,
  currency: "USD",
  pricePerToken: 1,
  rounding: "line",
  level: "mid",
  volumes: { ...NONE, copilot: 80, virtualagent: 550, scoring: 2000 },
  goLive: {},
  tokensPerUser: {},
  seasonality: byCalendarMonth({ 12: 1.5, 1: 1.5, 6: 0.5, 7: 0.5, 8: 0.5 }, 1),
  initiatives: [],
  topUps: byCalendarMonth({ 12: 10000, 1: 10000 }, 0),
  buffers: DEFAULT_BUFFERS,
};

export const BUDGET_PRESETS: readonly BudgetPreset[] = [
  { id: "growth", label: "Growth: mid-market center to 250 agents (+8,000 tokens a month)", plan: GROWTH_PLAN },
  { id: "seasonal", label: "Seasonal: holiday retailer, 20,000 tokens bought for December-January", plan: SEASONAL_PLAN },
];

export function findBudgetPreset(id: string): BudgetPreset | undefined {
  return BUDGET_PRESETS.find((p) => p.id === id);
}
