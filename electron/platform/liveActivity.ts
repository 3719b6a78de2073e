import { SeededRandom } from '../core/demo/seededRandom';
import type { ChangeLog } from './changeLog';

/** What the live generator needs to know about the workspace it animates. */
export interface LiveWorld {
  supporterIds: string[];
  /** Listings with their start (epoch ms), for RSVPs to ones still ahead. */
  listings: { id: string; startsAt: number }[];
  /** Supporters a script drives itself (a benchmark's VIPs): the generator leaves them alone. */
  reserved: Set<string>;
}

/** Collects supporter and listing ids from change records as they are loaded. */
export function observeWorld(world: LiveWorld, record: unknown): void {
  if (typeof record !== 'object' || record === null) return;
  const { entity, op, data } = record as { entity?: unknown; op?: unknown; data?: { id?: unknown; startsAt?: unknown } };
  if (op !== 'upsert' || typeof data !== 'object' || data === null || typeof data.id !== 'string') return;
  if (entity === 'supporter') world.supporterIds.push(data.id);
  if (entity === 'listing' && typeof data.startsAt === 'string') {
    const startsAt = Date.parse(data.startsAt);
    if (Number.isFinite(startsAt)) world.listings.push({ id: data.id, startsAt });
  }
}

/**
 * `--live`: keeps appending activity at the real clock — supporters coming online and going
 * offline, chat, gifts, RSVPs, now and then a newcomer — so alerts can be seen firing.
 */
export class LiveActivityGenerator {
  private readonly random: SeededRandom;
  private readonly online = new Set<string>();
  private sequence = 0;
  private readonly runId: string;

  constructor(
    private readonly log: ChangeLog,
    private readonly world: LiveWorld,
    private readonly clock: () => number,
    seed: number,
  ) {
    this.random = new SeededRandom(seed ^ 0x5eed);
    this.runId = clock().toString(36);
  }

  /** Appends one burst of 1–4 events; returns how many records were added. */
  tick(): number {
    const before = this.log.length;
    const bursts = 1 + this.random.int(0, 3);
    for (let index = 0; index < bursts; index += 1) this.event();
    return this.log.length - before;
  }

  private nextId(): string {
    this.sequence += 1;
    return `live-${this.runId}-${this.sequence}`;
  }

  private activity(supporterId: string, type: string, extra: Record<string, unknown> = {}): void {
    const at = new Date(this.clock()).toISOString();
    this.log.append({ entity: 'activity', op: 'upsert', data: { id: this.nextId(), supporterId, type, at, ...extra } });
  }

  private anySupporter(): string | null {
    if (this.world.supporterIds.length === 0) return null;
    const supporterId = this.random.pick(this.world.supporterIds);
    return this.world.reserved.has(supporterId) ? null : supporterId;
  }

  private onlineSupporter(): string | null {
    if (this.online.size === 0) return this.anySupporter();
    const supporterId = this.random.pick([...this.online]);
    return this.world.reserved.has(supporterId) ? null : supporterId;
  }

  private event(): void {
    const roll = this.random.next();
    if (roll < 0.05 || this.world.supporterIds.length === 0) {
      const id = `live-s-${this.runId}-${this.world.supporterIds.length + 1}`;
      const handle = `newcomer_${this.world.supporterIds.length + 1}`;
      this.log.append({ entity: 'supporter', op: 'upsert', data: { id, handle, firstSeenAt: new Date(this.clock()).toISOString(), timezone: 'Europe/London' } });
      this.world.supporterIds.push(id);
      this.online.add(id);
      this.activity(id, 'presence', { online: true });
      return;
    }
    if (roll < 0.35) {
      const supporterId = this.anySupporter();
      if (supporterId === null || this.online.has(supporterId)) return;
      this.online.add(supporterId);
      this.activity(supporterId, 'presence', { online: true });
      return;
    }
    if (roll < 0.45 && this.online.size > 0) {
      const supporterId = this.random.pick([...this.online]);
      if (this.world.reserved.has(supporterId)) return;
      this.online.delete(supporterId);
      this.activity(supporterId, 'presence', { online: false });
      return;
    }
    if (roll < 0.7) {
      const supporterId = this.onlineSupporter();
      if (supporterId !== null) this.activity(supporterId, 'gift', { tokens: this.random.int(5, 250) });
      return;
    }
    if (roll < 0.88) {
      const supporterId = this.onlineSupporter();
      if (supporterId !== null) this.activity(supporterId, 'chat_message', { tokens: this.random.chance(0.3) ? this.random.int(1, 20) : 0, conversationId: `c-${supporterId}` });
      return;
    }
    const upcoming = this.world.listings.filter((listing) => listing.startsAt > this.clock());
    const supporterId = this.onlineSupporter();
    if (upcoming.length > 0 && supporterId !== null) {
      this.activity(supporterId, 'event_registration', { listingId: this.random.pick(upcoming).id, tokens: this.random.int(10, 60) });
    } else if (supporterId !== null) {
      this.activity(supporterId, 'profile_view');
    }
  }
}
