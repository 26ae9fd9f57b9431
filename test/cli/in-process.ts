/**
 * The command line run in this process (src/cli/cli.ts's run), each call in a fresh folder of its
 * own under one temporary folder per suite, with a fixed "today". Call it at the top of a suite: it
 * registers the folder's set-up and clean-up.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli";

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The case's folder, and the files in it after the run. */
  readonly dir: string;
  readonly files: string[];
}

export function inProcessCli(prefix: string): (args: readonly string[], files?: Record<string, string>) => Promise<InProcessResult> {
  let work: string;
  let n = 0;
  beforeAll(() => (work = mkdtempSync(join(tmpdir(), prefix))));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return async (args, files = {}) => {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let stdout = "";
    let stderr = "";
    const code = await run(args, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), today: () => new Date("2026-11-27T10:00:00Z") });
    return { code, stdout, stderr, dir, files: readdirSync(dir).sort() };
  };
}
