/**
 * The functions benchmark runs and covers every custom function (a smoke run with few calls; the
 * figures that count come from `npx tsx bench/functions.bench.ts`, a million calls each).
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { benchedIds, formatFunctionsBench, runFunctionsBench } from "../../bench/functions.bench";
import { FUNCTIONS_SOURCE } from "./registry";

test("the bench measures every custom function", async () => {
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE);
  const ids = (JSON.parse(generated.metadataJson).functions as { id: string }[]).map((f) => f.id);
  expect([...benchedIds()].sort()).toEqual(ids.sort());
});

test("a short run returns figures for each function and prints a table", async () => {
  const r = await runFunctionsBench({ calls: 2000 });
  expect(r.functions.map((f) => f.id)).toEqual(benchedIds());
  for (const f of r.functions) {
    for (const x of [f.nsPerCall, f.bareNsPerCall, f.callsPerSecond, f.ratio]) expect(Number.isFinite(x) && x > 0).toBe(true);
  }
  if (r.mode === "bundle") expect(r.bundle?.gzipBytes).toBeGreaterThan(0);
  const table = formatFunctionsBench(r);
  expect(table).toMatch(/VOICEBOT/);
  expect(table).toMatch(/functions bundle:/);
}, 60_000);
