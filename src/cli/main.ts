/**
 * The ai-token-planner program: runs the command line with the process's arguments and streams.
 * Run from source with `npm run workbook -- ...` (tsx), or built into build/cli/ai-token-planner.js
 * by webpack.cli.config.js and started by bin/ai-token-planner.js.
 */
import { safeMessage } from "../core/message-text";
import { run } from "./cli";

/**
 * `npm run workbook` runs in the package's folder; paths typed by the user are meant from the
 * folder they typed the command in, which npm passes as INIT_CWD. Only for that script: anywhere
 * else the process's own folder is the user's.
 */
const cwd = process.env.npm_lifecycle_event === "workbook" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ai-token-planner: ${safeMessage(`internal error: ${e instanceof Error ? e.message : String(e)}`)}\n`);
    process.exitCode = 1;
  },
);
