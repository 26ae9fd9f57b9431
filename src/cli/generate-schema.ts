/**
 * Writes schemas/plan.schema.json from PLAN_SCHEMA: `npx tsx src/cli/generate-schema.ts`.
 * The file is generated, never hand-edited; test/cli/plan.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CONTRACT_CARD_SCHEMA } from "../core/contract-card-schema";
import { PLAN_SCHEMA } from "../plan/plan-schema";

export const SCHEMA_FILE = "schemas/plan.schema.json";
export const CONTRACT_SCHEMA_FILE = "schemas/contract-card.schema.json";

/** The schema file's exact text. */
export const schemaText = (): string => `${JSON.stringify(PLAN_SCHEMA, null, 2)}\n`;

if (process.argv[1] && /generate-schema\.[jt]s$/.test(process.argv[1])) {
  const target = resolve(__dirname, "../..", SCHEMA_FILE);
  writeFileSync(target, schemaText());
  console.log(`Wrote ${SCHEMA_FILE}`);
  writeFileSync(resolve(__dirname, "../..", CONTRACT_SCHEMA_FILE), `${JSON.stringify(CONTRACT_CARD_SCHEMA, null, 2)}\n`);
  console.log(`Wrote ${CONTRACT_SCHEMA_FILE}`);
}
