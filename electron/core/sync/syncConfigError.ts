/** A connection the creator asked for cannot be used; the message says why in plain words, and nothing was saved. */
export class SyncConfigError extends Error {
  override name = 'SyncConfigError';
}
