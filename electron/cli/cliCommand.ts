import type { CoreServiceOptions, CoreServices } from '../core/createCoreServices';

export interface CliContext {
  /** Positional arguments after the command name. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
  /** The workspace folder (`--data-dir`, or the app's own). */
  dataDir: string;
  /**
   * Opens the workspace once, with the clock `--now` asks for, and builds its services as the app
   * does (`createCoreServices`); the first call's options count (the sync command passes its own).
   */
  openWorkspace(options?: CoreServiceOptions): CoreServices;
  /**
   * Opens the workspace afresh after the command closed it and replaced its files (a demo set
   * aside); the workspace lock is kept.
   */
  reopenWorkspace(options?: CoreServiceOptions): CoreServices;
  now: number;
  /** Progress and human-readable notes: stderr, so `--json` stdout stays one document. */
  log(message: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Options that take a value (`--limit 5`), beyond the global `--data-dir` and `--now`. */
  valueOptions?: readonly string[];
  /** Boolean options (`--all`), beyond the global `--json`. */
  flags?: readonly string[];
  /**
   * Whether the command changes the workspace (docs/sync-protocol.md §8). A writer holds the
   * workspace lock while it runs: it waits for another CLI writer to finish and is refused while the
   * console has the workspace open. Readers take no lock and may run beside the app.
   */
  writes: boolean | ((options: CliContext['options'], args: CliContext['args']) => boolean);
  run(context: CliContext): Promise<unknown> | unknown;
  /** Human output when --json is absent; defaults to pretty JSON. */
  formatHuman?(result: unknown): string;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
