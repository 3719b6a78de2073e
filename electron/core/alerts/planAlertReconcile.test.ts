import { describe, expect, it } from 'vitest';
import type { AlertType } from '../../../shared/domain/alerts';
import { planAlertReconcile } from './planAlertReconcile';

const HOUR = 3_600_000;

function stored(id: string, type: AlertType, createdAt: number, actedAt: number | null = null) {
  return { id, dedupeKey: `${type}:${id}`, type, createdAt, actedAt };
}

function desired(key: string, type: AlertType, createdAt: number) {
  return { dedupeKey: `${type}:${key}`, type, createdAt };
}

const span = (type: AlertType) => (type === 'spending_spike' ? 48 * HOUR : HOUR);

describe('planAlertReconcile', () => {
  it('keeps an alert whose trigger still raises it, whatever its new time', () => {
    const plan = planAlertReconcile([stored('m', 'milestone_reached', 10 * HOUR)], [desired('m', 'milestone_reached', 2 * HOUR)], span);
    expect(plan.keep.map((pair) => [pair.stored.id, pair.desired.createdAt])).toEqual([['m', 2 * HOUR]]);
    expect([plan.insert, plan.remove, plan.detach]).toEqual([[], [], []]);
  });

  it('lets a new alert of the same type take over a stored one within the span, the nearest first', () => {
    const plan = planAlertReconcile(
      [stored('a', 'hot_lead_active', 10 * HOUR), stored('b', 'hot_lead_active', 10.5 * HOUR), stored('c', 'event_rsvp', 10 * HOUR)],
      [desired('x', 'hot_lead_active', 10.4 * HOUR), desired('y', 'event_rsvp', 12 * HOUR)],
      span,
    );
    expect(plan.keep.map((pair) => [pair.stored.id, pair.desired.dedupeKey])).toEqual([['b', 'hot_lead_active:x']]);
    expect(plan.insert.map((alert) => alert.dedupeKey)).toEqual(['event_rsvp:y']);
    expect(plan.remove.map((alert) => alert.id).sort()).toEqual(['a', 'c']);
  });

  it('uses each type’s span: a spike a day earlier is the same occasion, a hot lead a day earlier is not', () => {
    const plan = planAlertReconcile(
      [stored('s', 'spending_spike', 30 * HOUR), stored('h', 'hot_lead_active', 30 * HOUR)],
      [desired('s2', 'spending_spike', 6 * HOUR), desired('h2', 'hot_lead_active', 6 * HOUR)],
      span,
    );
    expect(plan.keep.map((pair) => pair.stored.id)).toEqual(['s']);
    expect(plan.insert.map((alert) => alert.dedupeKey)).toEqual(['hot_lead_active:h2']);
    expect(plan.remove.map((alert) => alert.id)).toEqual(['h']);
  });

  it('detaches a stored alert the records no longer raise when the creator acted on it, and removes the others', () => {
    const plan = planAlertReconcile([stored('acted', 'vip_online', HOUR, 2 * HOUR), stored('read', 'vip_online', 9 * HOUR)], [], span);
    expect(plan.detach.map((alert) => alert.id)).toEqual(['acted']);
    expect(plan.remove.map((alert) => alert.id)).toEqual(['read']);
  });
});
