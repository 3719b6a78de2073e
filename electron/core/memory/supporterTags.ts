import { ApiFailure } from '../../../shared/contract/apiResult';
import type { TagCount } from '../../../shared/domain/supporterMemory';
import type { CrmCore } from '../crmCore';
import type { TagSummary } from '../store/tagStore';
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
  const label = core.stores.tags.summary(tag.key)?.label ?? tag.label;
  commitMemoryWrite(core, () => core.stores.tags.assign(supporterId, tag.key, label, core.clock()));
  return { supporterId, tags: core.stores.tags.labelsOf(supporterId) };
}

/** `tag remove`: takes a tag off one supporter. */
export function removeTag(core: CrmCore, supporterId: string, input: string): { supporterId: string; tags: string[] } {
  requireSupporter(core, supporterId);
  const tag = requireTag(input);
  if (!commitMemoryWrite(core, () => core.stores.tags.unassign(supporterId, tag.key, core.clock()))) {
    throw new ApiFailure('not_found', `This supporter has no tag "${tag.label}"`);
  }
  return { supporterId, tags: core.stores.tags.labelsOf(supporterId) };
}

/** `tags`: a page of the tags in use with their counts, most used first. */
export function listTags(core: CrmCore, limit = TAGS_PAGE, offset = 0): { tags: TagCount[]; total: number } {
  return {
    tags: core.stores.tags.list(limit, offset).map(({ label, supporters }) => ({ tag: label, supporters })),
    total: core.stores.tags.total(),
  };
}

/** `tag rename`: renames a tag everywhere (onto an existing tag, the two merge). Never applies an action to anyone. */
export function renameTag(core: CrmCore, from: string, to: string, expectedSupporters: number): { tag: string; renamedTo: string; supporters: number } {
  const summary = requireTagInUse(core, from);
  const target = requireTag(to);
  requireConfirmedCount(summary, expectedSupporters, 'rename');
  commitMemoryWrite(core, () => core.stores.tags.rename(summary.tagKey, target.key, target.label, core.clock()));
  return { tag: summary.label, renamedTo: target.label, supporters: core.stores.tags.summary(target.key)?.supporters ?? 0 };
}

/** `tag delete`: takes a tag off every supporter carrying it. */
export function deleteTag(core: CrmCore, input: string, expectedSupporters: number): { tag: string; supporters: number; deleted: true } {
  const summary = requireTagInUse(core, input);
  requireConfirmedCount(summary, expectedSupporters, 'deletion');
  const removed = commitMemoryWrite(core, () => core.stores.tags.deleteTag(summary.tagKey, core.clock()));
  return { tag: summary.label, supporters: removed, deleted: true };
}
