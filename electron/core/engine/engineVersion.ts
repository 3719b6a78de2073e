/**
 * The version of every rule that shapes derived data (rollups and scores). Bump it when a rule
 * changes: rows of another version are rebuilt from raw activity, never mixed with new ones.
 */
export const ENGINE_VERSION = 1;
