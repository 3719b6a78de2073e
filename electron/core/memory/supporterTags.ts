import { ApiFailure } from '../../../shared/contract/apiResult';
import type { TagMemoryRecord } from '../../../shared/domain/memoryRecords';
import type { TagCount } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import { supporterTagId, type TagSummary } from '../store/tagStore';
import { commitMemoryWrite } from './commitMemoryWrite';
import { normaliseTag } from './normaliseTag';
import { requireSupporter } from './requireSupporter';

/** Tags per page of the tag list (SPEC §9: pages of at most 100). */
export const TAGS_PAGE = 100;

function requireTag(input: string): { label: string; key: string } {
  const tag = normaliseTag(input);
  if (!tag.ok) throw new ApiFailure('invalid_input', tag.reason);
  return tag;
}

function requireTagInUse(core: CrmCore, input: string): TagSummary {
  const summary = core.stores.tags.summary(requireTag(input).key);
  if (summary === null) throw new ApiFailure('not_found', `No supporter carries the tag "${input.trim().slice(0, 40)}"`);
  return summary;
}

/**
 * Renaming or deleting a tag touches every supporter carrying it, so the creator confirms the
 * count they saw; a count that changed meanwhile (another window, a sync) is refused, not applied.
 */
function requireConfirmedCount(summary: TagSummary, expected: number, what: string): void {
  if (summary.supporters !== expected) {
    throw new ApiFailure(
      'rejected',
      `"${summary.label}" is on ${summary.supporters} supporter${summary.supporters === 1 ? '' : 's'}, not ${expected}: check the count and confirm the ${what} again.`,
    );
  }
}

/** `tag add`: a tag on one supporter; adding one they already carry changes nothing. An existing tag keeps its spelling. */
export function addTag(core: CrmCore, supporterId: string, input: string): { supporterId: string; tags: string[] } {
  requireSupporter(core, supporterId);
  const tag = requireTag(input);
  commitMemoryWrite(core, (stamp) => {
    const stored = core.stores.tags.record(supporterTagId(supporterId, tag.key));
    if (stored !== null && !stored.deleted) return { records: [], result: null };
    const label = core.stores.tags.summary(tag.key)?.label ?? tag.label;
    const record: TagMemoryRecord = { entity: 'supporter_tag', id: supporterTagId(supporterId, tag.key), supporterId, tagKey: tag.key, label, deleted: false, ...stamp(stored) };
    return { records: [record], result: null };
  });
  return { supporterId, tags: core.stores.tags.labelsOf(supporterId) };
}

/** `tag remove`: takes a tag off one supporter. */
export function removeTag(core: CrmCore, supporterId: string, input: string): { supporterId: string; tags: string[] } {
  requireSupporter(core, supporterId);
  const tag = requireTag(input);
  commitMemoryWrite(core, (stamp) => {
    const stored = core.stores.tags.record(supporterTagId(supporterId, tag.key));
    if (stored === null || stored.deleted) throw new ApiFailure('not_found', `This supporter has no tag "${tag.label}"`);
    return { records: [{ ...stored, deleted: true, ...stamp(stored) }], result: null };
  });
  return { supporterId, tags: core.stores.tags.labelsOf(supporterId) };
}

/** `tags`: a page of the tags in use with their counts, most used first. */
export function listTags(core: CrmCore, limit = TAGS_PAGE, offset = 0): { tags: TagCount[]; total: number } {
  return {
    tags: core.stores.tags.list(limit, offset).map(({ label, supporters }) => ({ tag: label, supporters })),
    total: core.stores.tags.total(),
  };
}

/**
 * `tag rename`: renames a tag everywhere (onto an existing tag, the two merge). Never applies an
 * action to anyone. A new key moves each assignment (a tombstone under the old id, a live row under
 * the new one); a change of spelling only relabels in place. Every carrier of the tag, old and
 * merged, then shows the spelling the creator just chose. Each row written is one record for the
 * platform, so another machine sees the same rename.
 */
export function renameTag(core: CrmCore, from: string, to: string, expectedSupporters: number): { tag: string; renamedTo: string; supporters: number } {
  const summary = requireTagInUse(core, from);
  const target = requireTag(to);
  requireConfirmedCount(summary, expectedSupporters, 'rename');
  const { tags } = core.stores;
  commitMemoryWrite(core, (stamp) => {
    const written = new Map<string, TagMemoryRecord>();
    if (summary.tagKey !== target.key) {
      for (const assignment of tags.liveAssignments(summary.tagKey)) {
        written.set(assignment.id, { ...assignment, deleted: true, ...stamp(assignment) });
        const id = supporterTagId(assignment.supporterId, target.key);
        const stored = tags.record(id);
        if (stored === null || stored.deleted) {
          written.set(id, { entity: 'supporter_tag', id, supporterId: assignment.supporterId, tagKey: target.key, label: target.label, deleted: false, ...stamp(stored) });
        }
      }
    }
    for (const assignment of tags.liveAssignments(target.key)) {
      if (assignment.label !== target.label && !written.has(assignment.id)) written.set(assignment.id, { ...assignment, label: target.label, ...stamp(assignment) });
    }
    return { records: [...written.values()], result: null };
  });
  return { tag: summary.label, renamedTo: target.label, supporters: tags.summary(target.key)?.supporters ?? 0 };
}

/** `tag delete`: takes a tag off every supporter carrying it. */
export function deleteTag(core: CrmCore, input: string, expectedSupporters: number): { tag: string; supporters: number; deleted: true } {
  const summary = requireTagInUse(core, input);
  requireConfirmedCount(summary, expectedSupporters, 'deletion');
  const removed = commitMemoryWrite(core, (stamp) => {
    const records = core.stores.tags.liveAssignments(summary.tagKey).map((assignment): TagMemoryRecord => ({ ...assignment, deleted: true, ...stamp(assignment) }));
    return { records, result: records.length };
  });
  return { tag: summary.label, supporters: removed, deleted: true };
}
