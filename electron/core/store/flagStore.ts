import type Database from 'better-sqlite3';

export interface SupporterFlags {
  supporterId: string;
  dmReminderAt: number | null;
  priorityReplyAt: number | null;
}

/**
 * Flags set by CRM actions (SPEC §7): `dm_reminder` marks the chat, `prioritize_reply` queues the
 * supporter. Only the time each was set is stored; a flag reads as active until a later
 * `creator_message` to the supporter, so a reply clears it without anyone writing here.
 */
export class FlagStore {
  private readonly getStatement;
  private readonly setDmReminderStatement;
  private readonly setPriorityReplyStatement;

  constructor(db: Database.Database) {
    this.getStatement = db.prepare<[string], SupporterFlags>(
      'SELECT supporterId, dmReminderAt, priorityReplyAt FROM supporter_flags WHERE supporterId = ?',
    );
    this.setDmReminderStatement = db.prepare(
      'INSERT INTO supporter_flags (supporterId, dmReminderAt) VALUES (?, ?) ON CONFLICT(supporterId) DO UPDATE SET dmReminderAt = excluded.dmReminderAt',
    );
    this.setPriorityReplyStatement = db.prepare(
      'INSERT INTO supporter_flags (supporterId, priorityReplyAt) VALUES (?, ?) ON CONFLICT(supporterId) DO UPDATE SET priorityReplyAt = excluded.priorityReplyAt',
    );
  }

  get(supporterId: string): SupporterFlags {
    return this.getStatement.get(supporterId) ?? { supporterId, dmReminderAt: null, priorityReplyAt: null };
  }

  setDmReminder(supporterId: string, at: number): void {
    this.setDmReminderStatement.run(supporterId, at);
  }

  setPriorityReply(supporterId: string, at: number): void {
    this.setPriorityReplyStatement.run(supporterId, at);
  }
}
