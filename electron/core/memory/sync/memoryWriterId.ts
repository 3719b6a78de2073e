import { randomUUID } from 'node:crypto';
import type { MetaStore } from '../../store/metaStore';

const WRITER_META_KEY = 'memoryWriterId';

/**
 * This workspace's id as it signs its memory writes (the `writer` of a record): made once, at the
 * first write, and kept in the cache. Random, so it says nothing about the machine or the creator.
 * A rebuilt cache makes a new one, which only means its later writes sign differently.
 */
export function memoryWriterId(meta: MetaStore): string {
  const stored = meta.get(WRITER_META_KEY);
  if (stored !== null) return stored;
  const made = randomUUID();
  meta.set(WRITER_META_KEY, made);
  return made;
}
