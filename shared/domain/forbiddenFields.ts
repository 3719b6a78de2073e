/** Identity fields that must never reach disk, logs, the renderer or output (SPEC §1). */
export const FORBIDDEN_FIELDS = [
  'realName',
  'phoneNumber',
  'email',
  'socialMediaHandles',
  'location',
  'city',
  'country',
  'ipAddress',
  'deviceInfo',
] as const;

export type ForbiddenField = (typeof FORBIDDEN_FIELDS)[number];

const forbiddenFieldSet: ReadonlySet<string> = new Set(FORBIDDEN_FIELDS);

export function isForbiddenField(name: string): name is ForbiddenField {
  return forbiddenFieldSet.has(name);
}
