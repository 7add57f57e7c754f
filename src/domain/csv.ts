/**
 * What a spreadsheet may read as the start of a formula: = + - @ (also their full-width and small forms,
 * which some spreadsheets fold to ASCII, e.g. "＝"), after any blanks, or a tab, carriage return or line feed.
 */
const FORMULA_START =
  /^(?:[\s\u00a0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B\u2212]|[\t\r\n])/;

/**
 * CSV that spreadsheets open safely: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * are prefixed with an apostrophe.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
) {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
