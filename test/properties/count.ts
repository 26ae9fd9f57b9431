/**
 * fast-check with counted runs. `fc` here is fast-check itself, except that `fc.assert` also
 * records how many cases each property ran; test/reporters/property-counts.js adds the records up
 * at the end of a jest run and prints "property-based: N generated cases across M properties".
 *
 * A test file counts its properties by importing fc from here instead of from "fast-check":
 *
 *   import { fc } from "../properties/count";
 *
 * A property is one fc.assert call, named after the jest test that makes it ("#2", "#3" for more
 * calls in the same test). Its count is fast-check's own RunDetails.numRuns: the cases generated
 * and run, not counting shrinking. Records go to one JSON file per test file, in the folder the
 * reporter names in PROPERTY_COUNTS_DIR; without the reporter (e.g. `--reporters=default`) nothing
 * is written and fc.assert behaves exactly as fast-check's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fastCheck from "fast-check";

/** The environment variable the reporter sets to the folder of this run's records. */
export const COUNTS_DIR_ENV = "PROPERTY_COUNTS_DIR";

export interface PropertyRecord {
  /** The jest test's full name, with "#n" for its n-th property. */
  readonly name: string;
  /** Cases generated and run (fast-check's RunDetails.numRuns). */
  readonly numRuns: number;
  /** Cases generated but skipped by fc.pre. */
  readonly numSkips: number;
  readonly failed: boolean;
}

export interface CountFile {
  /** The test file, relative to the repository. */
  readonly testFile: string;
  readonly properties: readonly PropertyRecord[];
}

const ROOT = path.resolve(__dirname, "..", "..");

/** This test file's records: jest gives every test file its own module registry, so its own list. */
const records: PropertyRecord[] = [];
const perTest = new Map<string, number>();

function currentTest(): { testFile: string; name: string } {
  const state = expect.getState();
  const testFile = state.testPath ? path.relative(ROOT, state.testPath).split(path.sep).join("/") : "unknown";
  const base = state.currentTestName ?? "(outside a test)";
  const n = (perTest.get(base) ?? 0) + 1;
  perTest.set(base, n);
  return { testFile, name: n === 1 ? base : `${base} #${n}` };
}

/** While above 0, fc.assert runs but is not counted (the helper's own test of a failing property). */
let paused = 0;

/** Runs `fn` (synchronous) without counting its properties: for a property meant to fail, which is no evidence. */
export function withoutCounting<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

/** False in the helper's own test: its properties are kept in memory, not reported as evidence. */
let reported = true;

/** Keeps this test file's properties out of the report (the counting helper's own test). */
export function notReported(): void {
  reported = false;
}

function record(details: fastCheck.RunDetails<unknown>): void {
  if (paused > 0) return;
  const dir = process.env[COUNTS_DIR_ENV];
  const { testFile, name } = currentTest();
  records.push({ name, numRuns: details.numRuns, numSkips: details.numSkips, failed: details.failed });
  if (!dir || !reported) return;
  // One file per test file, rewritten whole after each property: never shared between workers.
  const file = path.join(dir, `${testFile.replace(/[^A-Za-z0-9._-]+/g, "__")}.json`);
  const content: CountFile = { testFile, properties: records };
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content, null, 1));
  } catch {
    // Counting is evidence about the run, never a reason for a test to fail.
  }
}

/** What fast-check's default reporter throws for a failed run, so failures read exactly as with fc.assert. */
function failure(message: string, details: fastCheck.RunDetails<unknown>): Error {
  if (details.runConfiguration.includeErrorInReport) return new Error(message);
  return Object.assign(new Error(message), { cause: details.errorInstance });
}

function report(details: fastCheck.RunDetails<unknown>): void {
  const config = details.runConfiguration;
  if (config.noDefaultPlugins) return;
  if (config.reporter) return config.reporter(details);
  if (details.failed) throw failure(fastCheck.defaultReportMessage(details), details);
}

async function asyncReport(details: fastCheck.RunDetails<unknown>): Promise<void> {
  const config = details.runConfiguration;
  if (config.noDefaultPlugins) return;
  if (config.asyncReporter) return config.asyncReporter(details);
  if (config.reporter) return config.reporter(details);
  if (details.failed) throw failure(await fastCheck.asyncDefaultReportMessage(details), details);
}

function countedAssert<Ts>(property: fastCheck.IAsyncProperty<Ts>, params?: fastCheck.Parameters<Ts>): Promise<void>;
function countedAssert<Ts>(property: fastCheck.IProperty<Ts>, params?: fastCheck.Parameters<Ts>): void;
function countedAssert<Ts>(property: fastCheck.IRawProperty<Ts>, params?: fastCheck.Parameters<Ts>): Promise<void> | void;
function countedAssert<Ts>(property: fastCheck.IRawProperty<Ts>, params?: fastCheck.Parameters<Ts>): Promise<void> | void {
  const out = fastCheck.check(property, params);
  if (out instanceof Promise) {
    return out.then((details) => {
      record(details as fastCheck.RunDetails<unknown>);
      return asyncReport(details as fastCheck.RunDetails<unknown>);
    });
  }
  const details = out as fastCheck.RunDetails<unknown>;
  record(details);
  report(details);
}

/** fast-check, with fc.assert counting its runs. */
export const fc: typeof fastCheck = { ...fastCheck, assert: countedAssert as typeof fastCheck.assert };

/** fast-check's types under the same name, so `fc.Arbitrary<T>` reads as with fast-check itself. */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace fc {
  export type Arbitrary<T> = fastCheck.Arbitrary<T>;
}

/** The records of this test file so far (for the helper's own test). */
export const recordedProperties = (): readonly PropertyRecord[] => records;
