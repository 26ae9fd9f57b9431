/**
 * The atomic write: a temporary file in the target's folder, renamed (or hard-linked) into place,
 * so a failed or interrupted run leaves neither a half file nor a temporary one, and an existing
 * file is replaced only when asked.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkTarget, OutputError, writeFileAtomic } from "../../src/cli/output";
import { ROOT } from "./run-cli";

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "atomic-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = () => {
  const d = join(dir, `case-${++n}`);
  mkdirSync(d);
  return d;
};
const bytes = (text: string) => new TextEncoder().encode(text);

test("writes the file and leaves nothing else behind", async () => {
  const d = fresh();
  await writeFileAtomic(join(d, "a.xlsx"), bytes("new"), false);
  expect(readdirSync(d)).toEqual(["a.xlsx"]);
  expect(readFileSync(join(d, "a.xlsx"), "utf8")).toBe("new");
});

test("an existing file is kept unless overwriting is asked for", async () => {
  const d = fresh();
  const target = join(d, "a.xlsx");
  writeFileSync(target, "old");
  await expect(writeFileAtomic(target, bytes("new"), false)).rejects.toThrow(new OutputError(`"${target}" already exists; add --force to replace it.`));
  expect(readdirSync(d)).toEqual(["a.xlsx"]);
  expect(readFileSync(target, "utf8")).toBe("old");
  await writeFileAtomic(target, bytes("new"), true);
  expect(readdirSync(d)).toEqual(["a.xlsx"]);
  expect(readFileSync(target, "utf8")).toBe("new");
});

test("a missing folder fails with a clear message and writes nothing", async () => {
  const d = fresh();
  const target = join(d, "nope", "a.xlsx");
  await expect(writeFileAtomic(target, bytes("x"), false)).rejects.toThrow(`the folder "${join(d, "nope")}" does not exist.`);
  await expect(checkTarget(target, false)).rejects.toThrow(OutputError);
  expect(readdirSync(d)).toEqual([]);
});

test("the target cannot be a folder, even with --force", async () => {
  const d = fresh();
  mkdirSync(join(d, "x.xlsx"));
  await expect(checkTarget(join(d, "x.xlsx"), true)).rejects.toThrow(`cannot write "${join(d, "x.xlsx")}": it is a folder.`);
});

test("a run interrupted while writing leaves no file: neither the target nor the temporary one", async () => {
  const d = fresh();
  const target = join(d, "big.xlsx");
  const child = spawn(process.execPath, [require.resolve("tsx/cli", { paths: [ROOT] }), join(__dirname, "fixtures", "slow-write.ts"), target, "384"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  // Wait for the temporary file to appear, then interrupt the write.
  let sawTemporary = false;
  for (let i = 0; i < 4000 && !sawTemporary && !out.includes("done"); i++) {
    await new Promise((r) => setTimeout(r, 5));
    sawTemporary = readdirSync(d).some((f) => f.endsWith(".tmp"));
  }
  expect(out).not.toContain("done"); // else the machine wrote 384 MB before we could look: make it bigger
  expect(sawTemporary).toBe(true);
  child.kill("SIGTERM");
  expect(await exited).toBe(143);
  expect(readdirSync(d)).toEqual([]);
}, 60_000);
