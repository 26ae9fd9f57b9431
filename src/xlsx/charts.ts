/**
 * Charts in an .xlsx file. ExcelJS writes no charts, so each model chart is written here as
 * DrawingML parts beside ExcelJS's output: the written zip is opened with JSZip (ExcelJS's own zip
 * library) and gets, per sheet with charts, a drawing part anchoring each chart over its cell range,
 * one chart part per chart (series that refer to the sheet's cells, with the core's values cached
 * for viewers that do not recalculate), their relationships and content types. Nothing ExcelJS
 * wrote is changed beyond the sheet's `<drawing>` element, its relationship and the content types.
 *
 * Chart kinds: column and bar (clustered), line, pie, and columnLine (the first series as columns,
 * the others as lines on the same axes), as the Excel writer inserts them.
 */
import JSZip from "jszip";
import { absA1, parseRange } from "../sheets/a1";
import { cellsOf, type CellValue, type Chart, type SheetModel } from "../sheets/model";
import { xmlSafe } from "./xml-text";

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const REL = { drawing: `${NS.r}/drawing`, chart: `${NS.r}/chart` };
const CONTENT = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

/** Series colours: Excel's Office theme accents 1-6. */
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

/** A sheet of the workbook as written: its model and the worksheet part ExcelJS wrote for it. */
export interface WrittenSheet {
  readonly model: SheetModel;
  /** The sheet's name in the workbook (a free variant of the model's). */
  readonly name: string;
  /** The worksheet part, e.g. "xl/worksheets/sheet2.xml". */
  readonly part: string;
}

/** Adds the charts of the sheets to the .xlsx bytes. Returns the bytes unchanged when no sheet has a chart. */
export async function addCharts(xlsx: Uint8Array, sheets: readonly WrittenSheet[]): Promise<Uint8Array> {
  if (sheets.every((s) => s.model.charts.length === 0)) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const overrides: string[] = [];
  let chartNo = 0;
  let drawingNo = 0;
  for (const sheet of sheets) {
    if (sheet.model.charts.length === 0) continue;
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const values = cellValues(sheet.model);
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    sheet.model.charts.forEach((chart, i) => {
      chartNo++;
      const chartPath = `xl/charts/chart${chartNo}.xml`;
      zip.file(chartPath, chartXml(chart, sheet.name, values));
      overrides.push(`<Override PartName="/${chartPath}" ContentType="${CONTENT.chart}"/>`);
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL.chart}" Target="../charts/chart${chartNo}.xml"/>`);
      anchors.push(anchorXml(chart, i + 1, `rId${i + 1}`));
    });
    zip.file(
      drawingPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join("")}</xdr:wsDr>`,
    );
    zip.file(relsPath(drawingPath), relsXml(drawingRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CONTENT.drawing}"/>`);
    await linkDrawing(zip, sheet.part, `../drawings/drawing${drawingNo}.xml`);
  }
  const types = await text(zip, "[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The relationships part of a part: "xl/drawings/drawing1.xml" -> "xl/drawings/_rels/drawing1.xml.rels". */
function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

const relsXml = (rels: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}">${rels.join("")}</Relationships>`;

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The written workbook has no ${path}.`);
  return file.async("string");
}

/**
 * Points the worksheet at its drawing: a relationship with an id the sheet does not use yet, and a
 * `<drawing>` element where the schema wants it (before legacyDrawing, which ExcelJS writes for notes).
 */
async function linkDrawing(zip: JSZip, sheetPart: string, target: string): Promise<void> {
  const rels = relsPath(sheetPart);
  const existing = zip.file(rels) ? await text(zip, rels) : relsXml([]);
  const used = new Set([...existing.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  zip.file(rels, existing.replace("</Relationships>", `<Relationship Id="${id}" Type="${REL.drawing}" Target="${target}"/></Relationships>`));

  const xml = await text(zip, sheetPart);
  const element = `<drawing r:id="${id}"/>`;
  const before = [
    "<legacyDrawing ",
    "<legacyDrawingHF",
    "<drawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "</worksheet>",
  ];
  const at = before
    .map((tag) => xml.indexOf(tag))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const withNs = xml.includes(`xmlns:r="${NS.r}"`) ? xml : xml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
  const shift = withNs.length - xml.length;
  zip.file(sheetPart, withNs.slice(0, at + shift) + element + withNs.slice(at + shift));
}

/** The chart's frame over its anchor range: from the range's top-left corner to the bottom-right one. */
function anchorXml(chart: Chart, id: number, relId: string): string {
  const r = parseRange(chart.anchor);
  const corner = (tag: string, row: number, col: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${corner("from", r.row, r.col)}${corner("to", r.row + r.rows, r.col + r.cols)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${esc(`Chart ${id}`)}" descr="${esc(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** Each cell's value (a formula's cached result) and number format, by "row,col". */
type CellValues = ReadonlyMap<string, { readonly value: CellValue | undefined; readonly format?: string }>;

function cellValues(model: SheetModel): CellValues {
  const map = new Map<string, { value: CellValue | undefined; format?: string }>();
  for (const { row, col, cell } of cellsOf(model)) {
    map.set(`${row},${col}`, { value: cell.formula !== undefined ? cell.result : cell.value, ...(cell.format ? { format: cell.format } : {}) });
  }
  return map;
}

/** The cells of a one-row or one-column range, in order. */
function cellsIn(ref: string): { row: number; col: number }[] {
  const r = parseRange(ref);
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

function sheetRef(sheet: string, ref: string): string {
  const r = parseRange(ref);
  const first = absA1(r.row, r.col);
  const last = absA1(r.row + r.rows - 1, r.col + r.cols - 1);
  return `${quoteSheet(sheet)}!${first === last ? first : `${first}:${last}`}`;
}

/** Category labels: numbers (month dates) as a numRef with their format, anything else as text. */
function categoriesXml(sheet: string, ref: string, values: CellValues): string {
  const cells = cellsIn(ref).map((c) => values.get(`${c.row},${c.col}`));
  const f = `<c:f>${esc(sheetRef(sheet, ref))}</c:f>`;
  if (cells.length > 0 && cells.every((c) => typeof c?.value === "number")) {
    const format = cells[0]?.format ?? "General";
    const pts = cells.map((c, i) => `<c:pt idx="${i}"><c:v>${c!.value}</c:v></c:pt>`).join("");
    return `<c:cat><c:numRef>${f}<c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache></c:numRef></c:cat>`;
  }
  const pts = cells.map((c, i) => (c?.value === undefined || c.value === null ? "" : `<c:pt idx="${i}"><c:v>${esc(String(c.value))}</c:v></c:pt>`)).join("");
  return `<c:cat><c:strRef>${f}<c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache></c:strRef></c:cat>`;
}

function valuesXml(sheet: string, ref: string, values: CellValues): string {
  const cells = cellsIn(ref).map((c) => values.get(`${c.row},${c.col}`)?.value);
  const pts = cells.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:val><c:numRef><c:f>${esc(sheetRef(sheet, ref))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache></c:numRef></c:val>`;
}

const solid = (hex: string) => `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;

function seriesXml(chart: Chart, sheet: string, values: CellValues, index: number, kind: "bar" | "line" | "pie"): string {
  const s = chart.series[index];
  const colour = PALETTE[index % PALETTE.length];
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>`;
  const cat = categoriesXml(sheet, chart.categories, values);
  const val = valuesXml(sheet, s.values, values);
  if (kind === "bar") return `<c:ser>${head}<c:spPr>${solid(colour)}</c:spPr><c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
  if (kind === "line") {
    return `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd">${solid(colour)}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
  }
  // A pie's slices take the palette in turn (varyColors); labels show each slice's share.
  const labels = `<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>`;
  return `<c:ser>${head}${labels}${cat}${val}</c:ser>`;
}

const CAT_AX = 500_001;
const VAL_AX = 500_002;
const axisIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;

function axesXml(horizontalBars: boolean, categoryFormat: string | undefined): string {
  const catPos = horizontalBars ? "l" : "b";
  const valPos = horizontalBars ? "b" : "l";
  const catFmt = categoryFormat ? `<c:numFmt formatCode="${esc(categoryFormat)}" sourceLinked="1"/>` : "";
  return (
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${catPos}"/>${catFmt}` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${valPos}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="9525">${solid("D9D9D9")}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:title><c:tx><c:rich><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="en-US" sz="900" b="0"/><a:t>Tokens</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The chart part of one model chart, its series referring to the sheet's cells. */
export function chartXml(chart: Chart, sheet: string, values: CellValues = new Map()): string {
  if (chart.series.length === 0) throw new Error(`Chart "${chart.title}": no series.`);
  const all = chart.series.map((_, i) => i);
  const bars = (dir: "col" | "bar", idx: readonly number[]) =>
    `<c:barChart><c:barDir val="${dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${idx.map((i) => seriesXml(chart, sheet, values, i, "bar")).join("")}<c:gapWidth val="80"/>${axisIds}</c:barChart>`;
  const lines = (idx: readonly number[]) =>
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${idx.map((i) => seriesXml(chart, sheet, values, i, "line")).join("")}<c:marker val="1"/>${axisIds}</c:lineChart>`;
  const first = cellsIn(chart.categories)[0];
  const categoryFormat = first ? values.get(`${first.row},${first.col}`)?.format : undefined;
  let plot: string;
  switch (chart.type) {
    case "column":
      plot = bars("col", all) + axesXml(false, categoryFormat);
      break;
    case "bar":
      plot = bars("bar", all) + axesXml(true, categoryFormat);
      break;
    case "line":
      plot = lines(all) + axesXml(false, categoryFormat);
      break;
    case "columnLine":
      plot = bars("col", [0]) + (all.length > 1 ? lines(all.slice(1)) : "") + axesXml(false, categoryFormat);
      break;
    case "pie":
      plot = `<c:pieChart><c:varyColors val="1"/>${seriesXml(chart, sheet, values, 0, "pie")}<c:firstSliceAng val="0"/></c:pieChart>`;
      break;
  }
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1200" b="1"/>` +
    `<a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid("FFFFFF")}<a:ln w="9525">${solid("D9D9D9")}</a:ln></c:spPr></c:chartSpace>`
  );
}

/** Text as XML character data or an attribute value. */
function esc(text: string): string {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
