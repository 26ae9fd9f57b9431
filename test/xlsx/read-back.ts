/**
 * Reads an .xlsx file back for tests: the cells through ExcelJS, and the parts ExcelJS does not
 * keep when reading (the scope of defined names, the raw cell XML) from the zip itself. jszip is
 * ExcelJS's own dependency.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";

export interface ScopedNameXml {
  readonly name: string;
  /** The sheet index (0-based) the name is scoped to; undefined for a workbook-wide name. */
  readonly localSheetId?: number;
  readonly ref: string;
}

/** A cell as stored in the sheet's XML: ExcelJS's reader drops a cached 0, so tests read the XML. */
export interface RawCell {
  readonly formula?: string;
  /** The value, or a formula's cached value: a number, text (shared strings resolved) or a boolean; an error as "#DIV/0!". */
  readonly value?: number | string | boolean;
  /** The cell type attribute: "s" shared string, "str" formula text, "b", "e", "inlineStr"; undefined for a number. */
  readonly type?: string;
}

export interface ReadBack {
  readonly workbook: ExcelJS.Workbook;
  readonly names: readonly ScopedNameXml[];
  /** The XML of each part, by path in the zip ("xl/workbook.xml", "xl/worksheets/sheet1.xml"). */
  readonly parts: ReadonlyMap<string, string>;
  sheet(name: string): ExcelJS.Worksheet;
  /** The cell a sheet-scoped name points at (single-cell names). */
  named(sheet: string, name: string): ExcelJS.Cell;
  /** A cell as stored in the XML; {} for a cell that is not there. */
  raw(sheet: string, address: string): RawCell;
  /** The stored cell a sheet-scoped name points at. */
  rawNamed(sheet: string, name: string): RawCell;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const path of Object.keys(zip.files)) {
    if (path.endsWith(".xml") || path.endsWith(".rels") || path.endsWith(".vml")) parts.set(path, await zip.file(path)!.async("string"));
  }
  const names: ScopedNameXml[] = [];
  const xml = parts.get("xl/workbook.xml") ?? "";
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const attrs = m[1];
    const name = /\bname="([^"]*)"/.exec(attrs)![1];
    const local = /\blocalSheetId="(\d+)"/.exec(attrs);
    names.push({ name, ...(local ? { localSheetId: Number(local[1]) } : {}), ref: unescapeXml(m[2]) });
  }
  const sheetNames = workbook.worksheets.map((w) => w.name);
  const rawSheets = parseSheets(parts);
  const sheet = (name: string) => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`No sheet "${name}"; sheets: ${sheetNames.join(", ")}`);
    return ws;
  };
  const namedAddress = (sheetName: string, name: string) => {
    const index = sheetNames.indexOf(sheetName);
    const found = names.find((n) => n.name === name && n.localSheetId === index);
    if (!found) throw new Error(`No name ${name} scoped to "${sheetName}"`);
    return found.ref.split("!").pop()!.replace(/\$/g, "");
  };
  const raw = (sheetName: string, address: string): RawCell => {
    const cells = rawSheets.get(sheetName);
    if (!cells) throw new Error(`No sheet "${sheetName}" in the XML`);
    return cells.get(address) ?? {};
  };
  return {
    workbook,
    names,
    parts,
    sheet,
    named: (sheetName, name) => sheet(sheetName).getCell(namedAddress(sheetName, name)),
    raw,
    rawNamed: (sheetName, name) => raw(sheetName, namedAddress(sheetName, name)),
  };
}

/** Every sheet's cells as stored, by sheet name (through the workbook's relationships, whoever wrote the file). */
function parseSheets(parts: ReadonlyMap<string, string>): Map<string, Map<string, RawCell>> {
  const rels = new Map<string, string>();
  for (const m of (parts.get("xl/_rels/workbook.xml.rels") ?? "").matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) rels.set(id, target.replace(/^\/?xl\//, "").replace(/^\//, ""));
  }
  const shared = [...(parts.get("xl/sharedStrings.xml") ?? "").matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1].matchAll(/<t(?:\s[^>]*)?>(.*?)<\/t>/gs)].map((t) => unescapeXml(t[1])).join(""),
  );
  const out = new Map<string, Map<string, RawCell>>();
  for (const m of (parts.get("xl/workbook.xml") ?? "").matchAll(/<sheet\b([^>]*)\/>/g)) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[1])![1]);
    const rid = /\br:id="([^"]*)"/.exec(m[1])![1];
    const xml = parts.get(`xl/${rels.get(rid)}`) ?? "";
    const cells = new Map<string, RawCell>();
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const type = /\bt="([^"]*)"/.exec(c[2])?.[1];
      const body = c[3] ?? "";
      const f = /<f(?:\s[^>]*)?>(.*?)<\/f>/s.exec(body)?.[1];
      const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
      const inline = /<is>.*?<t(?:\s[^>]*)?>(.*?)<\/t>.*?<\/is>/s.exec(body)?.[1];
      let value: RawCell["value"];
      if (inline !== undefined) value = unescapeXml(inline);
      else if (v !== undefined) {
        value = type === "s" ? shared[Number(v)] : type === "str" || type === "e" ? unescapeXml(v) : type === "b" ? v === "1" : Number(v);
      }
      cells.set(c[1], { ...(f !== undefined ? { formula: unescapeXml(f) } : {}), ...(value !== undefined ? { value } : {}), ...(type ? { type } : {}) });
    }
    out.set(name, cells);
  }
  return out;
}

export function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as unknown;
  return v && typeof v === "object" && "formula" in (v as object) ? (v as { formula: string }).formula : undefined;
}
