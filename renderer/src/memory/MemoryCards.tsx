import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { FollowUpsCard } from './FollowUpsCard';
import './memory.css';
import { NotesCard } from './NotesCard';
import { TagManagerDialog } from './TagManagerDialog';
import { TagsCard } from './TagsCard';

/** What the creator remembers about this supporter (SPEC §13): notes, tags, reminders and snooze, private to them. */
export function MemoryCards({ profile }: { profile: SupporterProfile }) {
  return (
    <div className="cards memory-cards">
      <NotesCard key={profile.supporterId} supporterId={profile.supporterId} notes={profile.notes} />
      <TagsCard supporterId={profile.supporterId} tags={profile.tags} />
      <FollowUpsCard supporterId={profile.supporterId} followUps={profile.followUps} snoozedUntil={profile.snoozedUntil} />
      <TagManagerDialog />
    </div>
  );
}
