import type { ContactFinding } from './contactFinding';

/** Digits joined by the separators phone numbers are written with: spaces, dots, dashes, slashes, parentheses. */
const DIGIT_RUN = /[+(]*\d(?:[ \t()./-]*\d)*\)?/g;
const MIN_PHONE_DIGITS = 7;
const CURRENCY_BEFORE = /(?:[$€£¥₹₩₽]|r\$|us\$|usd|eur|gbp|inr|brl)\s*$/i;
const UNIT_AFTER = /^\s*(?:tokens?|coins?|credits?|points?|pts|tks?|views|followers|likes|subs|subscribers|fans|usd|eur|gbp|inr|brl|dollars?|euros?|bucks|reais|rupees?|yen|pounds?|[$€£¥₹]|k|m|million|thousand)(?![\p{L}\p{N}])/iu;

interface DigitGroup {
  digits: string;
  start: number;
  end: number;
}

/**
 * Phone numbers: seven or more digits written with the usual separators, in any country's style
 * ("+1 (555) 123-4567", "030/1234567", "06 12 34 56 78", "5 5 5 1 2 3 4"). Dates ("2026-03-04",
 * "03/04/2026"), time ranges ("9.30-11.00"), lists of years and amounts with their unit
 * ("1.250.000 tokens") are not phone numbers. Commas and colons never join digits, so
 * "1,250 tokens" and "10:30–11:45" are never read as one.
 */
export function findPhoneNumbers(text: string): ContactFinding[] {
  const found: ContactFinding[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = digitGroups(run[0], run.index);
    for (const segment of withoutDatesAndTimes(text, groups)) {
      const digits = segment.reduce((count, group) => count + group.digits.length, 0);
      if (digits < MIN_PHONE_DIGITS || segment.every((group) => isYear(group.digits))) continue;
      const first = segment[0] as DigitGroup;
      const last = segment.at(-1) as DigitGroup;
      if (isAmount(text, first.start, last.end)) continue;
      // A leading "+" or "(" belongs to the number.
      found.push({ kind: 'phone_number', start: first === groups[0] ? run.index : first.start, end: last.end });
    }
  }
  return found;
}

function digitGroups(run: string, offset: number): DigitGroup[] {
  return [...run.matchAll(/\d+/g)].map((match) => ({ digits: match[0], start: offset + match.index, end: offset + match.index + match[0].length }));
}

/** The run split where dates and time ranges are taken out. */
function withoutDatesAndTimes(text: string, groups: DigitGroup[]): DigitGroup[][] {
  const separator = (index: number) => {
    const before = groups[index - 1];
    const group = groups[index];
    return before && group ? text.slice(before.end, group.start) : null;
  };
  const taken = new Set<number>();
  for (let index = 0; index < groups.length; index += 1) {
    const width = dateWidthAt(groups, index, separator) ?? timeRangeWidthAt(groups, index, separator);
    if (width === null) continue;
    for (let offset = 0; offset < width; offset += 1) taken.add(index + offset);
    index += width - 1;
  }
  const segments: DigitGroup[][] = [];
  let current: DigitGroup[] = [];
  groups.forEach((group, index) => {
    if (taken.has(index)) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(group);
  });
  if (current.length > 0) segments.push(current);
  return segments;
}

/** Three groups forming Y-M-D, D.M.Y or M/D/Y with one separator, not part of a longer chain of it. */
function dateWidthAt(groups: DigitGroup[], index: number, separator: (index: number) => string | null): number | null {
  const [a, b, c] = [groups[index], groups[index + 1], groups[index + 2]];
  const first = separator(index + 1);
  if (!a || !b || !c || first === null || separator(index + 2) !== first || !/^\s*[-/.]\s*$/.test(first)) return null;
  if (separator(index) === first || separator(index + 3) === first) return null;
  const [x, y, z] = [Number(a.digits), Number(b.digits), Number(c.digits)];
  const yearMonthDay = isYear(a.digits) && b.digits.length <= 2 && y >= 1 && y <= 12 && c.digits.length <= 2 && z >= 1 && z <= 31;
  const dayMonthYear =
    a.digits.length <= 2 && b.digits.length <= 2 && x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12) &&
    (c.digits.length === 2 || isYear(c.digits));
  return yearMonthDay || dayMonthYear ? 3 : null;
}

/** "9.30-11.00": hours and minutes with dots, joined by a dash. */
function timeRangeWidthAt(groups: DigitGroup[], index: number, separator: (index: number) => string | null): number | null {
  const four = groups.slice(index, index + 4);
  if (four.length < 4) return null;
  const [h1, m1, h2, m2] = four as [DigitGroup, DigitGroup, DigitGroup, DigitGroup];
  const isHour = (group: DigitGroup) => group.digits.length <= 2 && Number(group.digits) <= 24;
  const isMinute = (group: DigitGroup) => group.digits.length === 2 && Number(group.digits) <= 59;
  const shape = separator(index + 1) === '.' && /^\s*-\s*$/.test(separator(index + 2) ?? '') && separator(index + 3) === '.';
  return shape && isHour(h1) && isMinute(m1) && isHour(h2) && isMinute(m2) ? 4 : null;
}

function isYear(digits: string): boolean {
  return digits.length === 4 && Number(digits) >= 1900 && Number(digits) <= 2099;
}

/**
 * A number written as an amount: one with decimals ("12345.67"), or thousands groups or plain
 * digits with a currency before or a unit after ("1.250.000 tokens", "$ 1 250 000").
 */
function isAmount(text: string, start: number, end: number): boolean {
  const written = text.slice(start, end);
  if (/^\d+\.\d{1,2}$/.test(written)) return true;
  const grouped = /^\d{1,3}(?:( |\.)\d{3})(?:\1\d{3})*$/.test(written) || /^\d+$/.test(written);
  return grouped && (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 6), start)) || UNIT_AFTER.test(text.slice(end, end + 16)));
}
