#!/usr/bin/env node
/*
 * `npx ai-token-planner ...`: runs the command line bundled by `npm run build:cli`
 * (build/cli/ai-token-planner.js, no dependency needed at run time; `npm install` and `npm ci` build it
 * through the package's `prepare` script). Where the sources changed after that build (a checkout being
 * edited), or it was never built, runs the TypeScript sources with tsx (a dev dependency) instead, so the
 * command never runs stale code; a stale bundle is still used when tsx is not installed.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bundle = path.join(root, "build", "cli", "ai-token-planner.js");
const sources = path.join(root, "src");

/** Folders of src/ that only the Excel add-in uses: editing them leaves the command line as built. */
const ADDIN_ONLY = new Set(["taskpane", "commands", "excel", "functions"]);

/** The newest modification time under `dir` (0 when it does not exist), add-in-only folders of src/ aside. */
function newest(dir) {
  let latest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (dir === sources && ADDIN_ONLY.has(e.name)) continue;
    const full = path.join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function tsxCli() {
  try {
    return require.resolve("tsx/cli", { paths: [root] });
  } catch {
    return undefined;
  }
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
const stale = built > 0 && newest(sources) > built;
const tsx = built === 0 || stale ? tsxCli() : undefined;

if (built > 0 && !tsx) {
  require(bundle);
} else if (!tsx) {
  process.stderr.write("ai-token-planner: not built yet and tsx is not installed: run `npm install` and `npm run build:cli`.\n");
  process.exit(1);
} else {
  if (stale) process.stderr.write("ai-token-planner: the sources changed since `npm run build:cli`; running them with tsx (slower) until it is run again.\n");
  const { spawnSync } = require("child_process");
  const result = spawnSync(process.execPath, [tsx, path.join(sources, "cli", "main.ts"), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (result.error) {
    process.stderr.write(`ai-token-planner: ${result.error.message}\n`);
    process.exit(1);
  }
  process.exit(result.status === null ? 1 : result.status);
}
