/**
 * The add-in as it ships, built once for every e2e test file: `webpack --mode production` with
 * OFFICE_JS=local (office.js served from the build, so nothing is fetched from the internet) into a
 * folder under the system temp directory named after a hash of everything the build reads. Test files
 * running at the same time share one build (the first takes a lock, the others wait for it), and a
 * later run with unchanged sources reuses it; the two newest builds are kept. To force a build, delete
 * the folder (printed by the tests' build line).
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
const WEBPACK_CLI = require.resolve("webpack-cli/bin/cli.js");
const CACHE = path.join(os.tmpdir(), "ai-token-planner-e2e");
/** Marks a finished build: a folder without it is a build that was interrupted. */
const DONE = ".e2e-build-complete";
/** A lock older than this is left over from a killed run, even if its pid is now someone else's. */
const STALE_LOCK_MS = 5 * 60_000;
/** Builds kept in the cache, newest first (a branch switch back and forth reuses both). */
const KEEP = 2;

/** What the build reads: sources, assets, the manifest, the build configuration and the locked dependencies. */
const INPUTS = [
  "src",
  "assets",
  "manifest.xml",
  "webpack.config.js",
  "webpack.common.js",
  "scripts/help-page-plugin.js",
  "scripts/function-help.ts",
  "scripts/function-reference.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function filesUnder(p: string): string[] {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [p];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .flatMap((e) => filesUnder(path.join(p, e.name)))
    .sort();
}

/** A hash of every input file's path and content. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  hash.update("OFFICE_JS=local\0");
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(file.split(path.sep).join("/") + "\0");
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export interface Build {
  readonly dir: string;
  /** How long this call took: the build itself, the wait for another file's build, or ~0 for a cached one. */
  readonly ms: number;
  readonly how: "built" | "waited" | "cached";
}

function runWebpack(outDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, OFFICE_JS: "local", OUTPUT_DIR: outDir };
  delete env.ADDIN_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WEBPACK_CLI, "--mode", "production"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`webpack exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the process that took a lock is gone (its pid file names it). */
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
    if (pid > 0) {
      try {
        process.kill(pid, 0);
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === "ESRCH";
      }
    }
  } catch {
    // No pid file yet (just taken) or already released: judge by age.
  }
  return Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS;
}

function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    try {
      if (lockIsStale(lock)) fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile: the next attempt finds out.
    }
    return false;
  }
}

/** Removes all but the newest KEEP finished builds (and leftovers of interrupted ones). */
function prune(keep: string): void {
  const entries = fs.readdirSync(CACHE, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.endsWith(".lock"));
  const finished = entries
    .map((e) => path.join(CACHE, e.name))
    .filter((d) => d !== keep && fs.existsSync(path.join(d, DONE)))
    .sort((a, b) => fs.statSync(path.join(b, DONE)).mtimeMs - fs.statSync(path.join(a, DONE)).mtimeMs);
  for (const d of finished.slice(KEEP - 1)) fs.rmSync(d, { recursive: true, force: true });
  for (const e of entries) {
    const d = path.join(CACHE, e.name);
    if (e.name.includes(".partial-") && Date.now() - fs.statSync(d).mtimeMs > STALE_LOCK_MS) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** The production build of the current sources, built now or taken from the cache. */
export async function ensureBuild(timeoutMs = 240_000): Promise<Build> {
  const start = Date.now();
  fs.mkdirSync(CACHE, { recursive: true });
  const dir = path.join(CACHE, sourceHash());
  const lock = `${dir}.lock`;
  const done = path.join(dir, DONE);
  let waited = false;
  for (;;) {
    if (fs.existsSync(done)) return { dir, ms: Date.now() - start, how: waited ? "waited" : "cached" };
    if (tryLock(lock)) break;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for another test file's build (${lock}).`);
    waited = true;
    await sleep(250);
  }
  try {
    if (fs.existsSync(done)) return { dir, ms: Date.now() - start, how: "waited" };
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    await runWebpack(partial);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    fs.writeFileSync(done, new Date().toISOString());
    prune(dir);
    return { dir, ms: Date.now() - start, how: "built" };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
