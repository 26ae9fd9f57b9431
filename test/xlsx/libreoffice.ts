/**
 * LibreOffice headless as a real spreadsheet engine for tests: converts .xlsx files to .xlsx, which
 * loads, recalculates and saves them. By default LibreOffice trusts the cached values of an .xlsx
 * file and recalculates nothing; a fresh user profile with
 * org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0 ("always recalculate") makes it
 * compute every formula on load. One soffice process converts every file of a batch.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

/** The soffice program, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  if (process.env.SOFFICE && existsSync(process.env.SOFFICE)) return process.env.SOFFICE;
  try {
    const found = execFileSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" }).trim();
    if (found) return found.split("\n")[0];
  } catch {
    // Not on PATH.
  }
  return CANDIDATES.find((c) => existsSync(c));
}

const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens each file in LibreOffice, recalculates every formula and saves it as .xlsx into `outDir`
 * (same base names). `workDir` holds the throw-away LibreOffice profile. Returns the output paths.
 */
export function recalculateWithLibreOffice(soffice: string, files: readonly string[], outDir: string, workDir: string): string[] {
  const profile = join(workDir, "lo-profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync(
    soffice,
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "xlsx", "--outdir", outDir, ...files],
    { encoding: "utf8", timeout: 180_000, env: { ...process.env, HOME: workDir } },
  );
  if (result.error) throw result.error;
  const outputs = files.map((f) => join(outDir, basename(f)));
  const missing = outputs.filter((o) => !existsSync(o));
  if (result.status !== 0 || missing.length > 0) {
    throw new Error(`soffice exited ${result.status}; missing ${missing.length} of ${outputs.length} outputs.\n${result.stdout}\n${result.stderr}`);
  }
  return outputs;
}

/**
 * Prints each file to PDF with LibreOffice headless, as a user's File > Export as PDF would, into
 * `outDir` (same base names, .pdf). Cached values are shown as stored. Returns the PDF paths.
 */
export function printWithLibreOffice(soffice: string, files: readonly string[], outDir: string, workDir: string): string[] {
  const profile = join(workDir, "lo-print-profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync(
    soffice,
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, ...files],
    {
      encoding: "utf8",
      timeout: 300_000,
      env: { ...process.env, HOME: workDir },
    },
  );
  if (result.error) throw result.error;
  const outputs = files.map((f) => join(outDir, basename(f).replace(/\.xlsx$/, ".pdf")));
  const missing = outputs.filter((o) => !existsSync(o));
  if (result.status !== 0 || missing.length > 0) {
    throw new Error(`soffice exited ${result.status}; missing ${missing.length} of ${outputs.length} PDFs.\n${result.stdout}\n${result.stderr}`);
  }
  return outputs;
}
