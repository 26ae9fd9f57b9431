/**
 * Runs the command line as a child process, as a user would: the webpack bundle (built once into a
 * temporary folder by webpack.cli.config.js) or the TypeScript sources through tsx (`npm run workbook`).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
const TSX_CLI = require.resolve("tsx/cli", { paths: [ROOT] });
const WEBPACK_CLI = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
export const BUNDLE_NAME = "ai-token-planner.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Builds the command line bundle into `outDir` (webpack.cli.config.js with CLI_OUTPUT_DIR); returns its path. */
export function buildBundle(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(process.execPath, [WEBPACK_CLI, "--config", join(ROOT, "webpack.cli.config.js")], {
    cwd: ROOT,
    env: { ...process.env, CLI_OUTPUT_DIR: outDir },
    stdio: "pipe",
    timeout: 180_000,
  });
  return join(outDir, BUNDLE_NAME);
}

/** Runs a Node script with arguments in `cwd`; resolves with the exit code and output (never rejects). */
export function runNode(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: "1", ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** The bundled command line. */
export const runBundle = (bundle: string, args: readonly string[], cwd: string, env: Record<string, string> = {}) => runNode([bundle, ...args], cwd, env);

/** The command line from its TypeScript sources, as `npm run workbook -- ...` runs it. */
export const runFromSource = (args: readonly string[], cwd: string) => runNode([TSX_CLI, join(ROOT, "src/cli/main.ts"), ...args], cwd);
