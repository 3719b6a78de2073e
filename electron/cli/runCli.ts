import { parseArgs } from 'node:util';
import { createCoreServices, type CoreServiceOptions, type CoreServices } from '../core/createCoreServices';
import { CrmCore } from '../core/crmCore';
import { defaultDataDir } from '../core/defaultDataDir';
import { parseTimestamp } from '../core/ingest/parseTimestamp';
import { describeOutboxRecovery } from '../core/recovery/openOutboxWithRecovery';
import { acquireWorkspaceLockWhenFree, holderLabel, type WorkspaceLock } from '../core/db/workspaceLock';
import { CliUsageError, type CliCommand } from './cliCommand';
import { CLI_COMMANDS } from './cliCommands';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  clock(): number;
}

function helpText(commands: readonly CliCommand[]): string {
  const lines = commands.map((command) => `  ${command.usage.padEnd(58)} ${command.summary}`);
  return [
    'Usage: npm run -s crm -- <command> [--data-dir DIR] [--json] [--now ISO]',
    '',
    'Commands:',
    ...lines,
    '',
    '--data-dir defaults to the app\'s own workspace folder; --json prints exactly one JSON document.',
  ].join('\n');
}

const GLOBAL_STRING_OPTIONS = ['data-dir', 'now'];
const GLOBAL_FLAGS = ['json', 'help'];

/** Every option any command declares, typed, so `--limit 5` is read as a value and not a flag plus a positional. */
function optionSpec(commands: readonly CliCommand[]): Record<string, { type: 'string' | 'boolean' }> {
  const spec: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of GLOBAL_FLAGS) spec[name] = { type: 'boolean' };
  for (const command of commands) for (const name of command.flags ?? []) spec[name] = { type: 'boolean' };
  for (const name of GLOBAL_STRING_OPTIONS) spec[name] = { type: 'string' };
  for (const command of commands) for (const name of command.valueOptions ?? []) spec[name] = { type: 'string' };
  return spec;
}

/** Runs one CLI invocation and returns the exit code; errors go to stderr, results to stdout. */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: false, options: optionSpec(commands) });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  const [commandName, ...args] = parsed.positionals;
  const options = parsed.values as Record<string, string | boolean | undefined>;
  if (commandName === undefined || commandName === 'help' || options.help === true) {
    io.stdout(`${helpText(commands)}\n`);
    return commandName === undefined && options.help !== true ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === commandName);
  if (!command) {
    io.stderr(`Unknown command "${commandName}".\n\n${helpText(commands)}\n`);
    return 2;
  }
  let services: CoreServices | null = null;
  let lock: WorkspaceLock | null = null;
  try {
    let now = io.clock();
    if (options.now !== undefined) {
      const parsedNow = parseTimestamp(options.now);
      if (parsedNow === null) throw new CliUsageError('--now needs an ISO-8601 timestamp with a zone, e.g. 2025-12-03T10:00:00Z');
      now = parsedNow;
    }
    const dataDirOption = options['data-dir'];
    if (typeof dataDirOption === 'boolean' || dataDirOption === '') throw new CliUsageError('--data-dir needs a folder');
    const dataDir = dataDirOption ?? defaultDataDir();
    const fixedNow = options.now !== undefined;
    const openWorkspace = (serviceOptions?: CoreServiceOptions): CoreServices => {
      if (!services) {
        const writes = typeof command.writes === 'function' ? command.writes(options, args) : command.writes;
        if (writes && !lock) {
          lock = acquireWorkspaceLockWhenFree(
            dataDir,
            { kind: 'cli', what: `crm ${command.name}` },
            { onWait: (holder) => io.stderr(`Waiting for ${holder ? holderLabel(holder) : 'another command'} to finish with this workspace… (Ctrl-C to stop waiting)\n`), clock: io.clock },
          );
        }
        const core = CrmCore.open({ dataDir, clock: fixedNow ? () => now : io.clock, holdsWorkspaceLock: writes });
        // A damaged outbox is salvaged as it opens; the creator hears what was kept and what was not.
        const outboxRecovery = core.outbox.openIfPresent();
        if (outboxRecovery) io.stderr(`${describeOutboxRecovery(outboxRecovery)}\n`);
        // The same services as the app, so an import is segmented and alerted on the same way.
        services = createCoreServices(core, serviceOptions);
      }
      return services;
    };
    const result = await command.run({
      args,
      options,
      now,
      log: (message) => io.stderr(`${message}\n`),
      dataDir,
      openWorkspace,
      reopenWorkspace: (serviceOptions) => {
        (services as CoreServices | null)?.core.close();
        services = null;
        return openWorkspace(serviceOptions);
      },
    });
    if (options.json === true) io.stdout(`${JSON.stringify(result)}\n`);
    else io.stdout(`${command.formatHuman ? command.formatHuman(result) : JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`crm ${commandName}: ${message}\n`);
    if (error instanceof CliUsageError) io.stderr(`usage: crm ${command.usage}\n`);
    return error instanceof CliUsageError ? 2 : 1;
  } finally {
    try {
      (services as CoreServices | null)?.core.close();
    } finally {
      (lock as WorkspaceLock | null)?.release();
    }
  }
}
