/** A1 addresses: column letters, cell and range addresses. 0-based row and column indexes. */

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B7" for row 6, column 1. */
export const a1 = (row: number, col: number): string => `${columnLetters(col)}${row + 1}`;

/** "$B$7" for row 6, column 1. */
export const absA1 = (row: number, col: number): string => `$${columnLetters(col)}$${row + 1}`;

/** "B7:D9" for the rectangle from (6,1) spanning 3 rows and 3 columns. */
export const rangeA1 = (row: number, col: number, rows: number, cols: number): string =>
  rows === 1 && cols === 1 ? a1(row, col) : `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

/** Parses "B7" or "$B$7" into 0-based row and column. */
export function parseA1(ref: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`Not an A1 cell address: "${ref}"`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Parses "B7:D9" (or a single cell) into its top-left corner and size. */
export function parseRange(ref: string): CellRef & { rows: number; cols: number } {
  const [from, to = from] = ref.split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  return { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), rows: Math.abs(b.row - a.row) + 1, cols: Math.abs(b.col - a.col) + 1 };
}

/** Quotes a sheet name for use in a formula: 'Token Calculator'!A1. */
export const quoteSheetName = (name: string): string => `'${name.replace(/'/g, "''")}'`;
