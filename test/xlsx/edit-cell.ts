/**
 * Edits one number cell of a written .xlsx file, as an analyst typing over an input would, and
 * leaves every other byte of meaning alone. The edit is made in the sheet's XML (jszip, ExcelJS's
 * own dependency): loading and saving with ExcelJS would also make every sheet-scoped name
 * workbook-wide (its reader drops localSheetId), which is not the workbook under test.
 */
import JSZip from "jszip";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** The bytes of the workbook with `address` ("C50") of `sheet` holding the number `value`. */
export const setNumberCell = (bytes: Uint8Array, sheet: string, address: string, value: number): Promise<Uint8Array> =>
  // A number cell: no type attribute (t="s", t="str" and the like are text).
  editCell(bytes, sheet, address, "number", /(?:\s+(?!t=)[a-z]+="[^"]*")*/.source, (attributes) => `${attributes}><v>${value}</v>`);

/** The bytes of the workbook with `address` of `sheet` holding the text `text` (an inline string), as an analyst picking from a list would. */
export const setTextCell = (bytes: Uint8Array, sheet: string, address: string, text: string): Promise<Uint8Array> =>
  // Any cell: its attributes other than its type stay (its style), its content becomes the text.
  editCell(
    bytes,
    sheet,
    address,
    "",
    /(?:\s+[a-z]+="[^"]*")*/.source,
    (attributes) => `${attributes.replace(/\s+t="[^"]*"/, "")} t="inlineStr"><is><t>${escapeXml(text)}</t></is>`,
  );

/** Replaces the input cell `address` of `sheet` (whose attributes match `attributesPattern`) by `<c r="address"` + content(attributes) + `</c>`. */
async function editCell(
  bytes: Uint8Array,
  sheet: string,
  address: string,
  kind: string,
  attributesPattern: string,
  content: (attributes: string) => string,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheetTag = new RegExp(`<sheet\\b[^>]*\\bname="${escapeXml(sheet).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`).exec(workbook);
  if (!sheetTag) throw new Error(`No sheet "${sheet}"`);
  const rid = /\br:id="([^"]*)"/.exec(sheetTag[0])![1];
  const target = new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*/>`).exec(rels)?.[0].match(/\bTarget="([^"]*)"/)?.[1];
  if (!target) throw new Error(`No part for sheet "${sheet}"`);
  const path = `xl/${target.replace(/^\/?xl\//, "").replace(/^\//, "")}`;
  const xml = await zip.file(path)!.async("string");
  const cell = new RegExp(`<c r="${address}"(${attributesPattern})\\s*(?:/>|>(.*?)</c>)`, "s");
  const found = cell.exec(xml);
  if (!found) throw new Error(`No ${kind ? `${kind} ` : ""}cell ${address} on "${sheet}"`);
  if (found[2] && /<f[\s>]/.test(found[2])) throw new Error(`${address} on "${sheet}" is a formula, not an input`);
  zip.file(path, xml.replace(cell, `<c r="${address}"${content(found[1])}</c>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
