import type { SupporterMemory } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import { followUpView } from './followUpsAndSnoozes';
import { NOTES_PAGE, noteView } from './supporterNotes';

const FOLLOW_UPS_SHOWN = 100;

/** The memory fields a profile carries (SPEC §13), at `now`. The only place besides the note commands where note texts leave the core. */
export function readSupporterMemory(core: CrmCore, supporterId: string, now: number): SupporterMemory {
  const { notes, tags, followUps, snoozes } = core.stores;
  const snooze = snoozes.activeAt(supporterId, now);
  return {
    notes: notes.list(supporterId, NOTES_PAGE).map(noteView),
    tags: tags.labelsOf(supporterId),
    followUps: followUps.ofSupporter(supporterId, FOLLOW_UPS_SHOWN).map(followUpView),
    snoozedUntil: snooze === null ? null : new Date(snooze.until).toISOString(),
  };
}
