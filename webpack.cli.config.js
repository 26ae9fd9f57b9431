/*
 * Build of the command line (src/cli/main.ts) into one Node.js file with every dependency inside
 * (ExcelJS, ajv), so `npx ai-token-planner` needs no TypeScript and no node_modules at run time.
 *
 *   npm run build:cli     webpack --config webpack.cli.config.js  ->  build/cli/ai-token-planner.js
 *
 * bin/ai-token-planner.js runs that file, or the TypeScript sources through tsx when it is missing.
 * Not minified: the bundle runs locally, and readable stack traces are worth more than bytes.
 *
 * Environment:
 *   CLI_OUTPUT_DIR=path   output folder instead of build/cli/ (tests build into a temporary folder)
 */
"use strict";

const { resolve, typescriptRule } = require("./webpack.common");
const path = require("path");

module.exports = (env, argv = {}) => ({
  mode: argv.mode === "development" ? "development" : "production",
  target: "node20",
  devtool: false,
  entry: { "ai-token-planner": "./src/cli/main.ts" },
  output: {
    path: path.resolve(__dirname, process.env.CLI_OUTPUT_DIR || "build/cli"),
    filename: "[name].js",
    clean: true,
    // Always write the bundle, so its time says when it was built (bin/ai-token-planner.js compares it with src/).
    compareBeforeEmit: false,
  },
  resolve,
  module: {
    rules: [typescriptRule],
  },
  optimization: { minimize: false },
  performance: { hints: false },
  // The CLI is one process run to completion: no chunks to split.
  plugins: [new (require("webpack").optimize.LimitChunkCountPlugin)({ maxChunks: 1 })],
});
