/** The kinds of contact detail a note may not hold (SPEC §13). */
export const CONTACT_DETAIL_KINDS = ['email_address', 'phone_number', 'url', 'social_handle'] as const;
export type ContactDetailKind = (typeof CONTACT_DETAIL_KINDS)[number];

/** One contact detail found in a text: its kind and where it is (indexes into the normalised text). */
export interface ContactFinding {
  kind: ContactDetailKind;
  start: number;
  end: number;
}
