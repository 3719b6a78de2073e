import type { EngineStream } from '../engineInputs';

/**
 * A stream a supporter can be invited to (SPEC §7 `invite_to_live`): scheduled (scheduledAt in the
 * future and not started) or live (started, not ended). A start or end after `now` has not
 * happened yet as of now, so a backtest sees the stream as it was then.
 */
export function isStreamInvitable(stream: EngineStream, now: number): boolean {
  const started = stream.startedAt !== null && stream.startedAt <= now;
  if (!started) return stream.scheduledAt > now;
  return stream.endedAt === null || stream.endedAt > now;
}
