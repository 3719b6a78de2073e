/**
 * Parser for Fader & Hardie's CDNOW_sample.txt: whitespace-separated, CRLF line
 * endings, no header; columns masterId, sampleId, YYYYMMDD, CDs, dollars.
 *
 * Kept separate from file I/O so it is pure and testable on literal strings.
 */
export interface CdnowRow {
  readonly masterId: string;
  readonly sampleId: string;
  /** The date as written, YYYYMMDD. */
  readonly date: string;
  /** Day index with 1997-01-01 = day 1 (the published convention). */
  readonly day: number;
  readonly cds: number;
  readonly dollars: number;
}

const MS_PER_DAY = 86_400_000;
const DAY_ONE_UTC = Date.UTC(1997, 0, 1);

export function parseCdnow(text: string): CdnowRow[] {
  const rows: CdnowRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return; // trailing newline / blank lines
    const fields = trimmed.split(/\s+/);
    if (fields.length !== 5) {
      throw new Error(`CDNOW line ${i + 1}: expected 5 fields, got ${fields.length}: "${trimmed}"`);
    }
    const [masterId = '', sampleId = '', date = '', cdsText = '', dollarsText = ''] = fields;
    const cds = Number(cdsText);
    const dollars = Number(dollarsText);
    if (!/^\d{8}$/.test(date) || !Number.isFinite(cds) || !Number.isFinite(dollars)) {
      throw new Error(`CDNOW line ${i + 1}: cannot parse "${trimmed}"`);
    }
    rows.push({ masterId, sampleId, date, day: dayIndex(date, i + 1), cds, dollars });
  });
  return rows;
}

/** YYYYMMDD → day number with 1997-01-01 = 1, in UTC so no DST/timezone drift. */
function dayIndex(date: string, lineNo: number): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(4, 6));
  const d = Number(date.slice(6, 8));
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new Error(`CDNOW line ${lineNo}: invalid date ${date}`);
  }
  return Math.round((utc - DAY_ONE_UTC) / MS_PER_DAY) + 1;
}
