/**
 * Jest reporter: how many cases the property-based tests generated. Test files that import fc from
 * test/properties/count.ts record each fc.assert's run count in a folder this reporter names (the
 * environment variable PROPERTY_COUNTS_DIR, set before jest starts its workers, so they inherit it).
 * At the end of the run it adds the records up, prints one line on stderr,
 *
 *   property-based: 12,345 generated cases across 37 properties in 9 files
 *
 * and writes the same figures to test-artifacts/property-counts.json (.ci/run prints them again
 * beside the pass/fail counts). stderr, not stdout: with `jest --json` and no --outputFile, stdout
 * is the JSON report and must stay parseable. A run with no property test prints nothing and writes
 * a summary of zeros.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const COUNTS_DIR_ENV = "PROPERTY_COUNTS_DIR";

class PropertyCountsReporter {
  constructor(globalConfig) {
    this.root = (globalConfig && globalConfig.rootDir) || process.cwd();
    this.artifacts = path.join(this.root, "test-artifacts");
    // One folder per jest process: two runs at once in the same checkout do not mix their counts.
    this.dir = path.join(this.artifacts, "property-counts", `run-${process.pid}-${Date.now()}`);
    process.env[COUNTS_DIR_ENV] = this.dir;
  }

  onRunStart() {
    // Watch mode starts several runs in one process: each counts afresh.
    fs.rmSync(this.dir, { recursive: true, force: true });
    removeStale(path.dirname(this.dir));
    process.env[COUNTS_DIR_ENV] = this.dir;
  }

  onRunComplete() {
    const summary = readCounts(this.dir);
    try {
      fs.mkdirSync(this.artifacts, { recursive: true });
      fs.writeFileSync(path.join(this.artifacts, "property-counts.json"), `${JSON.stringify(summary, null, 2)}\n`);
    } catch (e) {
      process.stderr.write(`property-counts: could not write the summary (${e.message})\n`);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    const parent = path.dirname(this.dir);
    try {
      if (fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
    } catch {
      // Another run's folder is still there, or the folder is already gone.
    }
    if (summary.properties > 0) process.stderr.write(`\n${summaryLine(summary)}\n`);
  }

  getLastError() {
    return undefined;
  }
}

/** A run's folder left behind (a killed run, a property still running after its file timed out). */
const STALE_MS = 6 * 60 * 60 * 1000;

function removeStale(parent) {
  let entries = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(parent, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already, or another run's: leave it.
    }
  }
}

/** The records of one run's folder, added up; unreadable files are listed, not fatal. */
function readCounts(dir) {
  const files = [];
  const unreadable = [];
  let names = [];
  try {
    names = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    try {
      const content = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      const properties = Array.isArray(content.properties) ? content.properties : [];
      files.push({
        testFile: String(content.testFile),
        properties: properties.length,
        cases: properties.reduce((n, p) => n + (Number.isFinite(p.numRuns) ? p.numRuns : 0), 0),
        failed: properties.filter((p) => p.failed).length,
        detail: properties,
      });
    } catch {
      unreadable.push(name);
    }
  }
  return {
    cases: files.reduce((n, f) => n + f.cases, 0),
    properties: files.reduce((n, f) => n + f.properties, 0),
    failed: files.reduce((n, f) => n + f.failed, 0),
    files,
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

const number = (n) => n.toLocaleString("en-US");

/** "property-based: 12,345 generated cases across 37 properties in 9 files (1 failed)". */
function summaryLine(s) {
  const plural = (n, word) => `${number(n)} ${word}${n === 1 ? "" : "s"}`;
  const failed = s.failed > 0 ? ` (${s.failed} failed)` : "";
  return `property-based: ${plural(s.cases, "generated case")} across ${plural(s.properties, "property").replace(/propertys$/, "properties")} in ${plural(s.files.length, "file")}${failed}`;
}

module.exports = PropertyCountsReporter;
module.exports.readCounts = readCounts;
module.exports.summaryLine = summaryLine;
module.exports.COUNTS_DIR_ENV = COUNTS_DIR_ENV;
