/**
 * bin/ai-token-planner.js chooses what to run: the bundle `npm install` built (prepare), unless the
 * sources are newer than it and tsx can run them; never stale code when it can help it. Checked in a
 * throw-away package with a stand-in bundle and stand-in sources that say which one ran; and
 * package.json's prepare builds the command line, so the README's `npm install` leaves it built.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runNode } from "./run-cli";

let pkg: string;
const BIN = () => join(pkg, "bin", "ai-token-planner.js");
const BUNDLE = () => join(pkg, "build", "cli", "ai-token-planner.js");
const MAIN = () => join(pkg, "src", "cli", "main.ts");

function touch(file: string, secondsAgo: number): void {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
}

beforeEach(() => {
  pkg = mkdtempSync(join(tmpdir(), "token-planner-bin-"));
  for (const d of ["bin", "build/cli", "src/cli"]) mkdirSync(join(pkg, d), { recursive: true });
  copyFileSync(join(ROOT, "bin", "ai-token-planner.js"), BIN());
  writeFileSync(BUNDLE(), 'console.log("bundle", process.argv.slice(2).join(" "));\n');
  writeFileSync(MAIN(), 'console.log("sources", process.argv.slice(2).join(" "));\n');
});

afterEach(() => rmSync(pkg, { recursive: true, force: true }));

test("a bundle newer than the sources runs, without tsx", async () => {
  touch(MAIN(), 60);
  touch(BUNDLE(), 10);
  const r = await runNode([BIN(), "--preset", "small"], pkg);
  expect(r).toEqual({ code: 0, stdout: "bundle --preset small\n", stderr: "" });
});

test("sources edited after the build run from the sources through tsx, with a note", async () => {
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"), "dir");
  touch(BUNDLE(), 60);
  touch(MAIN(), 10);
  const r = await runNode([BIN(), "--preset", "small"], pkg);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("sources --preset small\n");
  expect(r.stderr).toMatch(/^ai-token-planner: the sources changed since `npm run build:cli`/);
}, 30_000);

test("an edit of the add-in's own folders (taskpane) leaves the built command line in use", async () => {
  mkdirSync(join(pkg, "src", "taskpane"), { recursive: true });
  writeFileSync(join(pkg, "src", "taskpane", "pane.ts"), "export {};\n");
  touch(MAIN(), 60);
  touch(BUNDLE(), 30);
  touch(join(pkg, "src", "taskpane", "pane.ts"), 10);
  const r = await runNode([BIN(), "x"], pkg);
  expect(r).toEqual({ code: 0, stdout: "bundle x\n", stderr: "" });
});

test("a stale bundle still runs where tsx is not installed", async () => {
  touch(BUNDLE(), 60);
  touch(MAIN(), 10);
  const r = await runNode([BIN(), "x"], pkg);
  expect(r).toEqual({ code: 0, stdout: "bundle x\n", stderr: "" });
});

test("`npm install` and `npm ci` leave a built command line: the package's prepare script builds it", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.prepare).toBe("npm run build:cli");
  expect(scripts["build:cli"]).toMatch(/webpack --config webpack\.cli\.config\.js/);
});
