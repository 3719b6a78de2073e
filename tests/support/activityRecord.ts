import type { Activity } from '../../shared/domain/entities';

/** A valid activity as the validator makes it: every optional field null unless the test sets it. */
export function activityRecord(fields: Pick<Activity, 'id'> & Partial<Activity>): Activity {
  return {
    supporterId: 's1',
    type: 'like',
    at: 1,
    tokens: 0,
    conversationId: null,
    streamId: null,
    minutes: null,
    itemId: null,
    category: null,
    tier: null,
    listingId: null,
    online: null,
    version: null,
    ...fields,
  };
}
