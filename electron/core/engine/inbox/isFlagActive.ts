/**
 * A flag set by an action (SPEC §7) is active from the moment it was set until a `creator_message`
 * to the supporter that is later than it. A message at the very same instant does not clear it:
 * "later" is strict. A flag set after `now` did not exist yet as of now.
 */
export function isFlagActive(flagAt: number | null, lastCreatorMessageAt: number | null, now: number): boolean {
  if (flagAt === null || flagAt > now) return false;
  return lastCreatorMessageAt === null || lastCreatorMessageAt <= flagAt;
}
