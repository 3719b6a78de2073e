/**
 * Relationship memory (SPEC §13): what the creator keeps about a supporter, private to the creator.
 * Timestamps are ISO-8601 UTC strings.
 */

export interface SupporterNote {
  noteId: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface SupporterFollowUp {
  followUpId: string;
  dueAt: string;
  /** The private reminder text, if one was given. */
  text: string | null;
  createdAt: string;
}

/** A tag in use and how many supporters carry it. */
export interface TagCount {
  tag: string;
  supporters: number;
}

/** The memory fields of `Profile` (SPEC §13). */
export interface SupporterMemory {
  /** The newest 100 notes, newest first (`notes.list` pages through older ones). */
  notes: SupporterNote[];
  /** Tag labels, alphabetically. */
  tags: string[];
  /** Follow-ups not cancelled, earliest due first (past-due ones included), at most 100. */
  followUps: SupporterFollowUp[];
  /** When the snooze in force ends; null when the supporter is not snoozed. */
  snoozedUntil: string | null;
}

/** Answers of the memory requests (SPEC §13's `--json` shapes). */
export interface NoteAdded {
  noteId: string;
  supporterId: string;
  createdAt: string;
}

export interface NoteEdited {
  noteId: string;
  updatedAt: string;
}

export interface NoteDeleted {
  noteId: string;
  deleted: true;
}

export interface SupporterTags {
  supporterId: string;
  tags: string[];
}

export interface TagRenamed {
  tag: string;
  renamedTo: string;
  /** Supporters carrying the tag under its new name. */
  supporters: number;
}

export interface TagDeleted {
  tag: string;
  supporters: number;
  deleted: true;
}

export interface FollowUpAdded {
  followUpId: string;
  supporterId: string;
  dueAt: string;
}

export interface FollowUpCancelled {
  followUpId: string;
  cancelled: true;
}

export interface SnoozeState {
  supporterId: string;
  snoozedUntil: string | null;
}

/**
 * Why a supporter is in the search results (`search.supporters`): their handle, their notes, a tag
 * or both. Never a note's text (docs/relationship-memory.md, Privacy): only that a note matched.
 */
export interface SearchMatch {
  supporterId: string;
  matchedIn: 'handle' | 'note' | 'tag' | 'note_and_tag';
  /** The first of the supporter's tags (alphabetically) that a word of the search matched, else null. */
  tag: string | null;
}
