import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTACT_DETAIL_KINDS, type ContactDetailKind } from '../../electron/core/memory/guard/contactFinding';
import { describeContactDetails } from '../../electron/core/memory/guard/describeContactDetails';
import { findContactDetails } from '../../electron/core/memory/guard/findContactDetails';

interface GuardCases {
  pass: string[];
  refuse: { text: string; kind: ContactDetailKind }[];
}

const cases = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'contactDetailsCases.json'), 'utf8')) as GuardCases;

describe('the contact-details guard on its test set (tests/memory/contactDetailsCases.json)', () => {
  it('holds at least 100 notes that must pass and 100 that must be refused, each kind represented', () => {
    expect(cases.pass.length).toBeGreaterThanOrEqual(100);
    expect(cases.refuse.length).toBeGreaterThanOrEqual(100);
    for (const kind of CONTACT_DETAIL_KINDS) expect(cases.refuse.filter((entry) => entry.kind === kind).length, kind).toBeGreaterThanOrEqual(15);
  });

  it('refuses every note of the refuse set, naming its kind, and passes every note of the pass set; prints precision and recall', () => {
    const missed = cases.refuse.filter(({ text }) => findContactDetails(text).length === 0).map(({ text }) => text);
    const wrongKind = cases.refuse
      .filter(({ text, kind }) => findContactDetails(text).length > 0 && !findContactDetails(text).includes(kind))
      .map(({ text, kind }) => `${text} (expected ${kind}, found ${findContactDetails(text).join(', ')})`);
    const falseRefusals = cases.pass.filter((text) => findContactDetails(text).length > 0).map((text) => `${text} (${findContactDetails(text).join(', ')})`);
    expect(missed, 'refuse-set notes that passed').toEqual([]);
    expect(wrongKind, 'refused with the wrong kind').toEqual([]);
    expect(falseRefusals, 'pass-set notes that were refused').toEqual([]);

    const truePositives = cases.refuse.length - missed.length;
    const precision = truePositives / (truePositives + falseRefusals.length);
    const recall = truePositives / cases.refuse.length;
    console.info(
      `contact-details guard: ${cases.refuse.length} notes to refuse, ${cases.pass.length} to pass; ` +
        `precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %, false refusals ${falseRefusals.length}`,
    );
  });

  it('names every kind it found, in order, and never repeats the matched text in its message', () => {
    const text = 'call 555-123-4567 or write anna.b@gmail.com';
    const kinds = findContactDetails(text);
    expect(kinds).toEqual(['phone_number', 'email_address']);
    const message = describeContactDetails(kinds, 'note');
    expect(message).toBe(
      'This note contains a phone number and an e-mail address. Contact details cannot be kept in the CRM: contact stays on the platform. Nothing was saved.',
    );
    expect(message).not.toContain('555');
    expect(message).not.toContain('gmail');
  });
});
