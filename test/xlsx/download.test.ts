/**
 * The taskpane's download outside Excel: the workbook produced in the browser, ExcelJS's browser
 * build writing the same sheet-scoped names, and webpack keeping the writer out of the first load.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CALCULATOR_PRESETS } from "../../src/core";
import { buildCalculatorSheet, CALCULATOR_SHEET_NAME } from "../../src/sheets/calculator";
import type { SheetModel } from "../../src/sheets/model";
import { downloadWorkbook, REVOKE_AFTER_MS, XLSX_MIME_TYPE, xlsxFileName } from "../../src/xlsx/download";
import webpack from "webpack";
import { readBack } from "./read-back";

const ROOT = resolve(__dirname, "../..");
const midMarket = () => buildCalculatorSheet(CALCULATOR_PRESETS[1].profile);

describe("downloadWorkbook", () => {
  const saved = { document: (globalThis as any).document, create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  afterEach(() => {
    (globalThis as any).document = saved.document;
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
    jest.restoreAllMocks();
  });

  test("hands the browser a Blob of the workbook under a safe .xlsx name, and frees it afterwards", async () => {
    let blob: Blob | undefined;
    let timer: { fn: () => void; ms: number } | undefined;
    const link = { href: "", download: "", rel: "", style: { display: "" }, click: jest.fn(), remove: jest.fn() };
    const appendChild = jest.fn();
    (globalThis as any).document = { createElement: jest.fn(() => link), body: { appendChild } };
    URL.createObjectURL = jest.fn((b: Blob) => {
      blob = b;
      return "blob:workbook";
    });
    URL.revokeObjectURL = jest.fn();
    link.click.mockImplementation(() => {
      // Catch the revoke timer set right after the click, instead of waiting for it.
      jest.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms: number) => {
        timer = { fn, ms };
        return 0;
      }) as unknown as typeof setTimeout);
    });

    await downloadWorkbook([midMarket()], "Mid-market: budget/2026?");
    jest.restoreAllMocks();

    expect(link.download).toBe("Mid-market budget 2026.xlsx");
    expect(link.href).toBe("blob:workbook");
    expect(link.click).toHaveBeenCalledTimes(1);
    expect(appendChild).toHaveBeenCalledWith(link);
    expect(link.remove).toHaveBeenCalled();
    expect(blob!.type).toBe(XLSX_MIME_TYPE);
    const back = await readBack(new Uint8Array(await blob!.arrayBuffer()));
    expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(19810);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    expect(timer!.ms).toBe(REVOKE_AFTER_MS);
    timer!.fn();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:workbook");
  });

  test.each([
    ["budget", "budget.xlsx"],
    ["budget.XLSX", "budget.xlsx"],
    ["  ", "workbook.xlsx"],
    ["../../etc/passwd", "etc passwd.xlsx"],
    ["a\u0000b<c>d", "a b c d.xlsx"],
  ])("file name %j becomes %j", (wanted, name) => {
    expect(xlsxFileName(wanted)).toBe(name);
  });
});

test("ExcelJS's browser build, which the taskpane loads, writes the same workbook with sheet-scoped names", async () => {
  let writeWorkbook: ((models: SheetModel[]) => Promise<Uint8Array>) | undefined;
  jest.isolateModules(() => {
    jest.doMock("exceljs", () => jest.requireActual("exceljs/dist/exceljs.min.js"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the writer over the mocked ExcelJS
    writeWorkbook = require("../../src/xlsx/write-workbook").writeWorkbook;
  });
  const back = await readBack(await writeWorkbook!([midMarket()]));
  expect(back.rawNamed(CALCULATOR_SHEET_NAME, "TotalTokens").value).toBe(19810);
  expect(back.names.every((n) => n.localSheetId === 0)).toBe(true);
  jest.dontMock("exceljs");
});

test("webpack puts ExcelJS and the writer in a chunk of their own, loaded only by the download", async () => {
  const out = mkdtempSync(join(tmpdir(), "download-split-"));
  try {
    const stats = await new Promise<import("webpack").Stats>((done, fail) =>
      webpack(
        {
          mode: "production",
          target: ["web", "es2020"],
          devtool: false,
          entry: { probe: join(ROOT, "src/xlsx/download.ts") },
          output: { path: out, filename: "[name].js" },
          resolve: { extensions: [".ts", ".js"] },
          module: {
            rules: [
              {
                test: /\.ts$/,
                exclude: /node_modules/,
                use: { loader: "ts-loader", options: { transpileOnly: true, configFile: join(ROOT, "tsconfig.json") } },
              },
            ],
          },
          optimization: { minimize: false },
          performance: { hints: false },
        },
        (err, s) => (err || !s ? fail(err ?? new Error("no stats")) : done(s)),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    const lazy = readdirSync(out).filter((f) => f !== "probe.js");
    expect(lazy.some((f) => f.startsWith("xlsx-writer"))).toBe(true);
    expect(statSync(join(out, "probe.js")).size).toBeLessThan(20 * 1024);
    expect(readFileSync(join(out, "probe.js"), "utf8")).not.toContain("exceljs");
    const lazyCode = lazy.map((f) => readFileSync(join(out, f), "utf8")).join("\n");
    expect(lazyCode.length).toBeGreaterThan(500 * 1024);
    // The browser build of ExcelJS, not the Node one (which needs fs and streams).
    expect(lazyCode).toContain("exceljs/dist/exceljs.min.js");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
