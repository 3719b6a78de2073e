import type { ContactDetailKind } from './contactFinding';

const KIND_NAMES: Record<ContactDetailKind, string> = {
  email_address: 'an e-mail address',
  phone_number: 'a phone number',
  url: 'a link',
  social_handle: 'a handle on another network',
};

/**
 * The refusal a creator reads: which kinds were found, never the text that matched, so the message
 * can go anywhere an error goes (stderr, a toast) without carrying the detail itself.
 */
export function describeContactDetails(kinds: readonly ContactDetailKind[], what: 'note' | 'follow-up text'): string {
  const names = kinds.map((kind) => KIND_NAMES[kind]);
  const listed = names.length <= 1 ? (names[0] ?? 'contact details') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `This ${what} contains ${listed}. Contact details cannot be kept in the CRM: contact stays on the platform. Nothing was saved.`;
}
