import { useState } from 'react';
import type { MemoryOutcome } from './memoryActions';

/**
 * The state every memory form shares: busy while a change is on its way, and the core's reason
 * when it was refused (cleared by the next success). `onDone` runs after a success only; the
 * promise says whether the change was made.
 */
export function useMemoryChange() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (change: () => Promise<MemoryOutcome>, onDone?: () => void | Promise<void>): Promise<boolean> => {
    setBusy(true);
    const outcome = await change();
    setBusy(false);
    setProblem(outcome.ok ? null : outcome.message);
    if (outcome.ok) await onDone?.();
    return outcome.ok;
  };
  return { busy, problem, setProblem, run };
}
