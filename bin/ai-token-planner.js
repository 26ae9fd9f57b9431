#!/usr/bin/env node
/*
 * `npx ai-token-planner ...`: runs the command line bundled by `npm run build:cli`
 * (build/cli/ai-token-planner.js, no dependency needed at run time); in a checkout that has not
 * been built, runs the TypeScript sources with tsx (a dev dependency) instead.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bundle = path.join(root, "build", "cli", "ai-token-planner.js");

if (fs.existsSync(bundle)) {
  require(bundle);
} else {
  let tsxCli;
  try {
    tsxCli = require.resolve("tsx/cli", { paths: [root] });
  } catch {
    process.stderr.write("ai-token-planner: not built yet and tsx is not installed: run `npm install` and `npm run build:cli`.\n");
    process.exit(1);
  }
  const { spawnSync } = require("child_process");
  const result = spawnSync(process.execPath, [tsxCli, path.join(root, "src", "cli", "main.ts"), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (result.error) {
    process.stderr.write(`ai-token-planner: ${result.error.message}\n`);
    process.exit(1);
  }
  process.exit(result.status === null ? 1 : result.status);
}
