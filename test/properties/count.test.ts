/**
 * The counting of property runs: test/properties/count.ts records what each fc.assert ran and fails
 * exactly as fast-check does; test/reporters/property-counts.js adds up a run's records and prints
 * the line, also with no records at all.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fastCheck from "fast-check";
import { fc, notReported, recordedProperties, withoutCounting } from "./count";

// These properties test the counting; they are no evidence about the product.
notReported();

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reporter = require("../reporters/property-counts.js") as {
  readCounts(dir: string): { cases: number; properties: number; failed: number; files: unknown[]; unreadable?: string[] };
  summaryLine(s: { cases: number; properties: number; failed: number; files: unknown[] }): string;
};

describe("fc.assert, counted", () => {
  test("records the runs of a passing property, under the test's name", () => {
    const before = recordedProperties().length;
    fc.assert(
      fc.property(fc.integer(), (n) => n === n),
      { numRuns: 37 },
    );
    const last = recordedProperties()[before];
    expect(last).toEqual({ name: "fc.assert, counted records the runs of a passing property, under the test's name", numRuns: 37, numSkips: 0, failed: false });
  });

  test("a failing property throws fast-check's own report (and, meant to fail, is not counted)", () => {
    const property = fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500);
    const before = recordedProperties().length;
    const ours = withoutCounting(() => {
      try {
        fc.assert(property, { seed: 42, numRuns: 200 });
      } catch (e) {
        return e as Error;
      }
    });
    const theirs = (() => {
      try {
        fastCheck.assert(property, { seed: 42, numRuns: 200 });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(ours?.message).toBe(theirs?.message);
    expect(ours?.message).toMatch(/Property failed after/);
    expect(recordedProperties()).toHaveLength(before);
  });

  test("async properties, and a second property in the same test named #2", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), async () => true),
      { numRuns: 5 },
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), async () => true),
      { numRuns: 6 },
    );
    const [a, b] = recordedProperties().slice(-2);
    expect([a.numRuns, b.numRuns]).toEqual([5, 6]);
    expect(b.name).toBe(`${a.name} #2`);
  });
});

describe("the reporter's sums", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "property-counts-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("no records: zeros (and the reporter prints nothing)", () => {
    expect(reporter.readCounts(path.join(dir, "missing"))).toEqual({ cases: 0, properties: 0, failed: 0, files: [] });
    expect(reporter.readCounts(dir)).toEqual({ cases: 0, properties: 0, failed: 0, files: [] });
  });

  test("two files, one unreadable: the readable ones added up, the other listed", () => {
    const rec = (numRuns: number, failed = false) => ({ name: "p", numRuns, numSkips: 0, failed });
    fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify({ testFile: "a.test.ts", properties: [rec(100), rec(12_000)] }));
    fs.writeFileSync(path.join(dir, "b.json"), JSON.stringify({ testFile: "b.test.ts", properties: [rec(245, true)] }));
    fs.writeFileSync(path.join(dir, "c.json"), "{ half-written");
    const s = reporter.readCounts(dir);
    expect(s).toMatchObject({ cases: 12_345, properties: 3, failed: 1, unreadable: ["c.json"] });
    expect(reporter.summaryLine(s)).toBe("property-based: 12,345 generated cases across 3 properties in 2 files (1 failed)");
    expect(reporter.summaryLine({ cases: 1, properties: 1, failed: 0, files: [{}] })).toBe("property-based: 1 generated case across 1 property in 1 file");
  });
});
