/**
 * The JSON the Genesys Cloud Platform API returns, pasted or saved from the API, read into rows. Field
 * names as the Platform API's models document them (platform-client SDK docs):
 *
 *  - BillingUsageReport (GET /api/v2/billing/reports/billableusage?startDate&endDate): `startDate`,
 *    `endDate` (ISO-8601 date-times), `usages[]` of BillingUsage { `name` (identifies the billable
 *    usage), `totalUsage` (a decimal number as a string), `resources[]` of { `name`, `date` } (the
 *    licence users or devices, with the date each was first observed) }. One row per usage, covering
 *    startDate to endDate; `resources` are not quantities and are not read.
 *  - SubscriptionOverview (a billing period): `billingPeriodStartDate`, `billingPeriodEndDate`,
 *    `currency`, `usages[]` of SubscriptionOverviewUsage { `name` (product charge name), `partNumber`,
 *    `grouping`, `unitOfMeasureType`, `usageQuantity` (string), `prepayQuantity` (string: items prepaid
 *    for the period), `overagePrice`, ... }. One row per usage; the AI-token line's prepayQuantity is
 *    the committed tokens of the period.
 *
 * Which usage is the AI-token line is not documented: its name (or part number, grouping, unit)
 * must name AI Experience tokens or an AI feature, as in a CSV (see ./shapes).
 */
import { InputError, type Result } from "../errors";
import type { RawRow } from "./aggregate";
import type { UsageShape } from "./types";

export interface JsonRows {
  readonly shape: UsageShape;
  readonly rows: readonly RawRow[];
  /** The field names read, for the report. */
  readonly columns: Readonly<Record<string, string>>;
  /** The period of a subscription overview, and its committed tokens by usage row (prepayQuantity as text). */
  readonly prepay?: readonly { readonly row: RawRow; readonly quantityText: string }[];
  readonly period?: { readonly start: string; readonly end: string };
  readonly currency?: string;
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
/** A field as text: strings as they are, numbers written out, anything else "". */
const text = (x: unknown): string => (typeof x === "string" ? x : typeof x === "number" && Number.isFinite(x) ? String(x) : "");

/** Reads the JSON of a billable-usage report or a subscription overview; an InputError naming what is missing. */
export function jsonRows(json: string): Result<JsonRows> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return new InputError("value", `The text starts like JSON but is not valid JSON (${e instanceof Error ? e.message.slice(0, 80) : "cannot be read"}).`);
  }
  // An API response may be wrapped in an entity list: { entities: [report] }.
  if (isObj(data) && Array.isArray(data.entities) && data.entities.length === 1) data = data.entities[0];
  if (!isObj(data) || !Array.isArray(data.usages)) {
    return new InputError(
      "value",
      'This JSON is neither a billable-usage report (startDate, endDate, usages) nor a subscription overview (billingPeriodStartDate, usages): no "usages" list was found.',
    );
  }
  const usages = data.usages;
  if ("billingPeriodStartDate" in data || usages.some((u) => isObj(u) && "usageQuantity" in u)) {
    const start = text(data.billingPeriodStartDate);
    const end = text(data.billingPeriodEndDate);
    const rows: RawRow[] = [];
    const prepay: { row: RawRow; quantityText: string }[] = [];
    usages.forEach((u, i) => {
      if (!isObj(u)) return;
      const row: RawRow = {
        line: i + 1,
        dateText: start,
        endText: end,
        texts: [text(u.name), text(u.partNumber), text(u.grouping)],
        quantityText: text(u.usageQuantity),
        unitText: text(u.unitOfMeasureType),
      };
      rows.push(row);
      if (text(u.prepayQuantity).trim() !== "") prepay.push({ row, quantityText: text(u.prepayQuantity) });
    });
    return {
      shape: "subscription-overview",
      rows,
      prepay,
      period: { start, end },
      ...(text(data.currency) ? { currency: text(data.currency) } : {}),
      columns: { date: "billingPeriodStartDate", feature: "usages[].name", quantity: "usages[].usageQuantity", unit: "usages[].unitOfMeasureType" },
    };
  }
  const start = text(data.startDate);
  const end = text(data.endDate);
  const rows: RawRow[] = [];
  usages.forEach((u, i) => {
    if (!isObj(u)) return;
    rows.push({ line: i + 1, dateText: start, endText: end, texts: [text(u.name)], quantityText: text(u.totalUsage), unitText: "" });
  });
  return { shape: "billable-usage-api", rows, columns: { date: "startDate", feature: "usages[].name", quantity: "usages[].totalUsage" } };
}
