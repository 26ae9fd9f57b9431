/**
 * The taskpane inside the stand-in Excel (fake-office.js): how to open it, and what it recorded.
 * The real office.js request is answered with an empty script, so it cannot replace the stand-in.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { inPage, openTaskpane, type TaskpanePage } from "./browser";
import type { StaticServer } from "./server";

const FAKE_OFFICE = fs.readFileSync(path.join(__dirname, "fake-office.js"), "utf8");

/** What the stand-in's workbook is like (see fake-office.js). */
export interface FakeOptions {
  readonly sheetNames?: readonly string[];
  readonly protected?: boolean;
  readonly failSync?: Readonly<Record<string, { code: string; message: string; errorLocation?: string }>>;
  /** Office.context.officeTheme: the colours of Office's theme (unset: no theme). */
  readonly theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  /** Whether the stand-in accepts an OfficeThemeChanged handler. */
  readonly themeEvents?: boolean;
  /** The document settings saved in the workbook (a reopened workbook: the last one's savedSettings). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

type Described = unknown;
/** window.__fakeExcel: every run, sync, load, call and write the add-in asked of the stand-in. */
export interface FakeLog {
  runs: number;
  syncs: number;
  loads: { path: string; what: Described; batch: number }[];
  calls: { path: string; method: string; args: Described[]; batch: number }[];
  sets: { path: string; prop: string; value: Described; batch: number }[];
  requirements: [string, string | null][];
  associated: string[];
  /** Office.actions.associate ids, in order. */
  actions: string[];
  /** Office.addin.showAsTaskpane / hide calls. */
  shown: number;
  hidden: number;
  /** What the last document-settings saveAsync wrote into the workbook; null before any. */
  savedSettings: Record<string, unknown> | null;
}

/** The taskpane with the stand-in in place of office.js, once it knows it runs "inside Excel". */
export function openInExcel(browser: Browser, server: StaticServer, options: FakeOptions = {}): Promise<TaskpanePage> {
  return openTaskpane(browser, server, {
    host: "excel",
    initScripts: [`window.__fakeExcelOptions = ${JSON.stringify(options)};`, FAKE_OFFICE],
    replace: { "/office-js/office.js": { body: "/* office.js: replaced by the e2e stand-in (test/e2e/support/fake-office.js) */" } },
  });
}

/** A copy of the stand-in's log as it is now. */
export const fakeLog = (page: Page): Promise<FakeLog> => inPage<FakeLog>(page, "window.__fakeExcel");
