/**
 * Writes schemas/plan.schema.json from PLAN_SCHEMA: `npx tsx src/cli/generate-schema.ts`.
 * The file is generated, never hand-edited; test/cli/plan.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { PLAN_SCHEMA } from "../plan/plan-schema";

export const SCHEMA_FILE = "schemas/plan.schema.json";

/** The schema file's exact text. */
export const schemaText = (): string => `${JSON.stringify(PLAN_SCHEMA, null, 2)}\n`;

if (process.argv[1] && /generate-schema\.[jt]s$/.test(process.argv[1])) {
  const target = resolve(__dirname, "../..", SCHEMA_FILE);
  writeFileSync(target, schemaText());
  console.log(`Wrote ${SCHEMA_FILE}`);
}
