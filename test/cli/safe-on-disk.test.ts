/**
 * The command line against what an adversarial pass found (issue 15): bounded work (an oversized
 * plan refused fast, devices and pipes never read), one safe line per message (terminal escapes in
 * three error paths shown escaped), writes a user can trust (no temporary file left after kill -9,
 * --force keeping a file's permissions, long valid names accepted, names the file system would
 * change refused) and finite figures printed as finite.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli";
import { removeStaleTemporaries, writeFileAtomic } from "../../src/cli/output";
import { LIMITS } from "../../src/core/limits";
import { ROOT } from "./run-cli";

let work: string;
let n = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "safe-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function folder(files: Record<string, string> = {}): string {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

async function cli(args: readonly string[], cwd: string): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const start = performance.now();
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, today: () => new Date(Date.UTC(2026, 2, 15)) });
  return { code, stdout, stderr, ms: performance.now() - start };
}

/** The one line a failed run printed. */
function oneLine(r: Ran, code: number): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  const lines = r.stderr.slice(0, -1).split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ai-token-planner: /);
  // Nothing a terminal acts on: no C0/C1 control character, no direction override.
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  return lines[0];
}

const allFeatures = { copilot: 10, analytics: 5, scoring: 100, translate: 100, voicebot: 100, digitalbot: 100, messaging: 100, virtualagent: 10 };
const planWithSites = (count: number) =>
  JSON.stringify({
    version: 1,
    users: 100,
    volumes: {},
    budget: { sites: Array.from({ length: count }, (_, i) => ({ name: `Site ${i}`, volumes: allFeatures })) },
  });

describe("bounded work", () => {
  test("a plan with 5,000 sites (the 754 KB plan that ran out of memory) is refused at once, naming the limit", async () => {
    const dir = folder({ "big.json": planWithSites(5000) });
    const r = await cli(["--plan", "big.json", "--sheets", "budget", "--out", "big.xlsx"], dir);
    expect(oneLine(r, 2)).toBe(`ai-token-planner: big.json: plan.budget.sites: must list at most ${LIMITS.sites} entries, got 5000`);
    // Not a speed target (npm run bench has those): a guard against the 39 s and the heap exhaustion it used to take.
    expect(r.ms).toBeLessThan(10_000);
    expect(readdirSync(dir)).toEqual(["big.json"]);
  });

  test("the largest accepted plan (every site, every feature) is written", async () => {
    const dir = folder({ "max.json": planWithSites(LIMITS.sites) });
    const r = await cli(["--plan", "max.json", "--sheets", "budget", "--out", "max.xlsx"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(statSync(join(dir, "max.xlsx")).size).toBeGreaterThan(100_000);
  }, 60_000);

  test("a plan file over the size limit is refused while reading", async () => {
    const dir = folder({ "huge.json": JSON.stringify({ version: 1, users: 1, volumes: {}, name: "x".repeat(LIMITS.planFileBytes) }) });
    expect(oneLine(await cli(["--plan", "huge.json", "--out", "a.xlsx"], dir), 2)).toBe(
      'ai-token-planner: cannot read the plan "huge.json": larger than 1 MB, the most that is read.',
    );
  });

  const unix = process.platform === "win32" ? test.skip : test;

  unix("/dev/zero is refused as a plan and as a usage export, without reading it", async () => {
    const dir = folder();
    const plan = await cli(["--plan", "/dev/zero", "--out", "a.xlsx"], dir);
    expect(oneLine(plan, 2)).toBe('ai-token-planner: cannot read the plan "/dev/zero": it is not a regular file (a device, a pipe or a socket).');
    const usage = await cli(["--preset", "growth", "--usage", "/dev/zero", "--out", "a.xlsx"], dir);
    expect(oneLine(usage, 2)).toBe('ai-token-planner: cannot read the usage export "/dev/zero": it is not a regular file (a device, a pipe or a socket).');
    expect(readdirSync(dir)).toEqual([]);
  });

  unix("a FIFO with no writer is refused at once instead of hanging", async () => {
    const dir = folder();
    execFileSync("mkfifo", [join(dir, "plan.json")]);
    execFileSync("mkfifo", [join(dir, "usage.csv")]);
    const plan = await cli(["--plan", "plan.json", "--out", "a.xlsx"], dir);
    expect(oneLine(plan, 2)).toBe('ai-token-planner: cannot read the plan "plan.json": it is not a regular file (a device, a pipe or a socket).');
    const usage = await cli(["--preset", "growth", "--usage", "usage.csv", "--out", "a.xlsx"], dir);
    expect(oneLine(usage, 2)).toMatch(/cannot read the usage export "usage\.csv": it is not a regular file/);
    // A FIFO used to block forever: returning at all is the point; the bound only keeps a regression from hanging the suite.
    expect(plan.ms + usage.ms).toBeLessThan(10_000);
  });
});

describe("one safe line per message", () => {
  test("ESC and BEL in a plan's JSON syntax error are shown escaped, and its line break does not split the line", async () => {
    const dir = folder({ "bad.json": '{"version": 1,\n "users": \u001b[2J\u0007 5}' });
    const line = oneLine(await cli(["--plan", "bad.json", "--out", "a.xlsx"], dir), 2);
    expect(line).toContain("bad.json is not valid JSON");
    expect(line).toContain("\\x1B[2J\\x07");
  });

  test("ESC in an unknown field name is shown escaped", async () => {
    const dir = folder({ "plan.json": JSON.stringify({ version: 1, users: 5, volumes: {}, "na\u001b]0;owned\u0007me": 1 }) });
    const line = oneLine(await cli(["--plan", "plan.json", "--out", "a.xlsx"], dir), 2);
    expect(line).toContain("plan.na\\x1B]0;owned\\x07me: is not a field of a plan");
  });

  test("ESC and a line break in an output path are shown escaped, and such a name is refused", async () => {
    const dir = folder();
    const line = oneLine(await cli(["--preset", "small", "--out", "missing/x\u001b[2J\ny.xlsx"], dir), 1);
    expect(line).toContain("x\\x1B[2J\\ny.xlsx");
    expect(line).toMatch(/the file name holds a control character\.$/);
  });

  test("a long message is cut to a readable length", async () => {
    const dir = folder({ "plan.json": JSON.stringify({ version: 1, users: 5, volumes: {}, ["k".repeat(5000)]: 1 }) });
    const line = oneLine(await cli(["--plan", "plan.json", "--out", "a.xlsx"], dir), 2);
    expect(line.length).toBeLessThanOrEqual(520);
    expect(line.endsWith("…")).toBe(true);
  });
});

describe("writes a user can trust", () => {
  const unix = process.platform === "win32" ? test.skip : test;

  unix("--force keeps a chmod 600 budget at 600", async () => {
    const dir = folder({ "budget.xlsx": "old" });
    chmodSync(join(dir, "budget.xlsx"), 0o600);
    const r = await cli(["--preset", "small", "--out", "budget.xlsx", "--force"], dir);
    expect(r.code).toBe(0);
    expect(statSync(join(dir, "budget.xlsx")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["budget.xlsx"]);
  });

  test("a valid 240-character name is accepted, and so is one of 255 bytes", async () => {
    const dir = folder();
    for (const length of [240, 255]) {
      const name = `${"b".repeat(length - 5)}.xlsx`;
      const r = await cli(["--preset", "small", "--out", name], dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, name))).toBe(true);
    }
    expect(readdirSync(dir)).toHaveLength(2);
  });

  test("a name longer than 255 bytes is refused before any work", async () => {
    const dir = folder();
    const line = oneLine(await cli(["--preset", "small", "--out", `${"é".repeat(126)}.xlsx`], dir), 1);
    expect(line).toMatch(/the file name is longer than 255 bytes\.$/);
  });

  test.each([
    ["ts.xlsx ", "ends in a space"],
    ["ts.xlsx.", "ends in a dot"],
  ])("--out %j is refused: %s would not be the name stored", async (name, why) => {
    const dir = folder();
    // "ts.xlsx." does not end in .xlsx: the option check says so first.
    const r = await cli(["--preset", "small", "--out", name], dir);
    expect(r.code).toBeGreaterThan(0);
    expect(oneLine(r, r.code)).toMatch(why === "ends in a dot" ? /must name an \.xlsx file|ends in a dot/ : new RegExp(why));
    expect(readdirSync(dir)).toEqual([]);
  });

  unix(
    "a write killed with SIGKILL leaves its temporary file; the next run in that folder removes it",
    async () => {
      const dir = folder();
      // One process (tsx as a loader, not its launcher that forks a child), so SIGKILL hits the writer itself.
      const child = spawn(
        process.execPath,
        ["--import", require.resolve("tsx", { paths: [ROOT] }), join(__dirname, "fixtures", "slow-write.ts"), join(dir, "big.xlsx"), "384"],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      const exited = new Promise<void>((done) => child.on("exit", () => done()));
      let temporary: string | undefined;
      for (let i = 0; i < 4000 && !temporary && !out.includes("done"); i++) {
        await new Promise((r) => setTimeout(r, 5));
        temporary = readdirSync(dir).find((f) => f.endsWith(".tmp"));
      }
      expect(out).not.toContain("done");
      expect(temporary).toMatch(/^\.ai-token-planner-[0-9a-f]{6}-\d+-[0-9a-f]{8}\.tmp$/);
      child.kill("SIGKILL");
      await exited;
      // No handler runs on SIGKILL: the partial file is still there.
      expect(readdirSync(dir)).toEqual([temporary]);
      // A file of another program that only looks alike is never touched.
      writeFileSync(join(dir, ".ai-token-planner-notes.tmp"), "mine");
      const r = await cli(["--preset", "small", "--out", "again.xlsx"], dir);
      expect(r.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([".ai-token-planner-notes.tmp", "again.xlsx"]);
    },
    60_000,
  );

  test("temporary files of a run still going are left alone", async () => {
    const dir = folder();
    const host = (await import("node:crypto"))
      .createHash("sha256")
      .update((await import("node:os")).hostname())
      .digest("hex")
      .slice(0, 6);
    // The parent of this process (jest) is running: its temporary file must survive.
    const alive = `.ai-token-planner-${host}-${process.ppid}-0123abcd.tmp`;
    writeFileSync(join(dir, alive), "in progress");
    expect(await removeStaleTemporaries(dir)).toEqual([]);
    await writeFileAtomic(join(dir, "a.xlsx"), new Uint8Array([1]), false);
    expect(readdirSync(dir).sort()).toEqual([alive, "a.xlsx"]);
  });
});

describe("finite figures print as finite", () => {
  test("1e307 tokens in a plan's dashboard and in a usage export are refused, never printed as infinity", async () => {
    const dir = folder({
      "plan.json": JSON.stringify({ version: 1, users: 5, volumes: {}, dashboard: { period: "March 2026", features: { copilot: 1e307 } } }),
      "usage.csv": "Date,Resource,Quantity,Unit\n2026-03-01,Agent Copilot,1e307,Tokens\n",
    });
    const fromPlan = await cli(["--plan", "plan.json", "--sheets", "dashboard", "--out", "a.xlsx"], dir);
    // Above the input rules' largest token count: the plan is refused in one line, nothing written.
    expect(fromPlan.code).toBe(2);
    expect(fromPlan.stderr).toMatch(/plan\.dashboard\.features\.copilot: must be at most 1,000,000,000,000$/m);
    expect(existsSync(join(dir, "a.xlsx"))).toBe(false);
    const fromUsage = await cli(["--preset", "small", "--usage", "usage.csv", "--sheets", "dashboard", "--out", "b.xlsx"], dir);
    // Above the input rules' largest token count: the row is refused (a warning, nothing written), never summed to infinity.
    expect(fromUsage.stdout + fromUsage.stderr).toContain("0 of 1 rows used: 0 tokens");
    expect(fromUsage.code).toBe(3);
    for (const text of [fromPlan.stdout, fromPlan.stderr, fromUsage.stdout, fromUsage.stderr]) expect(text).not.toMatch(/∞|Infinity|NaN/);
  });
});
