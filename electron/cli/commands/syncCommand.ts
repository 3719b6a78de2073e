import { FileCredentialVault, MemoryCredentialVault, type CredentialVault } from '../../core/sync/credentialVault';
import { isDemoWorkspace } from '../../core/demo/isDemoWorkspace';
import { setDemoWorkspaceAside } from '../../core/demo/setDemoWorkspaceAside';
import { HttpPlatformClient } from '../../core/sync/platformClient';
import { SyncConfigError } from '../../core/sync/syncConfigError';
import { testPlatformConnection } from '../../core/sync/testPlatformConnection';
import { validateServerUrl } from '../../core/sync/validateServerUrl';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

export interface SyncCommandResult {
  applied: number;
  quarantined: number;
  droppedForbiddenFields: number;
  pages: number;
  pushedActions: number;
  /** Notes, tags, follow-ups and snoozes the platform now has. */
  pushedMemory: number;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync [--server URL --token T] [--page-size N] [--timeout-ms MS]',
  summary: 'one sync run: push queued actions, then pull changes from the platform',
  writes: true,
  valueOptions: ['server', 'token', 'page-size', 'timeout-ms'],
  async run({ options, dataDir, openWorkspace, reopenWorkspace, log }): Promise<SyncCommandResult> {
    const server = options.server;
    const token = options.token;
    if ((server === undefined) !== (token === undefined)) throw new CliUsageError('give both --server and --token, or neither to use the saved connection');
    if (typeof server === 'boolean' || typeof token === 'boolean' || server === '' || token === '') throw new CliUsageError('--server and --token need values');
    const pageSize = requireIntegerOption(options, 'page-size', 5000, { min: 1, max: 10_000 });
    const requestTimeoutMs = requireIntegerOption(options, 'timeout-ms', 30_000, { min: 100, max: 600_000 });
    let serverUrl: string | null = null;
    if (server !== undefined) {
      try {
        serverUrl = validateServerUrl(server);
      } catch (error) {
        if (error instanceof SyncConfigError) throw new CliUsageError(error.message);
        throw error;
      }
    }
    // A token given on the command line is used for this run only, never written anywhere.
    const vault: CredentialVault =
      serverUrl !== null && token !== undefined ? new MemoryCredentialVault({ serverUrl, token }) : FileCredentialVault.inDataDir(dataDir);
    const credentials = await vault.load();
    if (credentials === null) throw new CliUsageError('no saved platform connection in this workspace: give --server and --token');
    let received = 0;
    const givenOnCommandLine = serverUrl !== null;
    const syncOptions = {
      sync: {
        vault,
        pageSize,
        requestTimeoutMs,
        // The sync service's own log line for a refused token speaks of the saved one, as in the app.
        log: givenOnCommandLine ? (line: string) => log(line.replace('the saved token', 'the token given with --token')) : log,
        onPageApplied: (summary: { pages: number; applied: number; quarantined: number }) => {
          received = summary.applied + summary.quarantined;
          log(`… page ${summary.pages}: ${received} records`);
        },
      },
    };
    let workspace = openWorkspace(syncOptions);
    if (isDemoWorkspace(workspace.core)) {
      // Demo and real never share a workspace: the same rule as connecting in the console. The
      // connection is tested first, so an unusable one leaves the demo as it was.
      try {
        await testPlatformConnection(credentials, { client: new HttpPlatformClient({ ...credentials, requestTimeoutMs: 10_000 }), timeoutMs: 10_000 });
      } catch (error) {
        if (error instanceof SyncConfigError) throw new Error(error.message, { cause: error });
        throw error;
      }
      const aside = setDemoWorkspaceAside(workspace.core);
      log(
        `This workspace held demo data, which never syncs: it was set aside in ${aside.path} (${aside.supporters} supporters, ${aside.unsentActions} unsent demo actions), ` +
          `and this sync fills a fresh workspace from the platform. Delete the demo with \`crm demo --delete-set-aside\`.`,
      );
      workspace = reopenWorkspace(syncOptions);
    }
    const service = workspace.sync;
    const cancel = () => {
      log('cancelling: the page being applied finishes or rolls back, nothing is lost');
      void service.shutdown();
    };
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    try {
      const report = await service.syncNow();
      if (!report.ok) {
        const { summary } = report;
        if (summary.pages > 0 || summary.pushedActions > 0) {
          log(`kept what was done before the fault: ${summary.applied} applied, ${summary.pages} pages, ${summary.pushedActions} actions pushed; the next run resumes from there`);
        }
        throw new Error(report.fault === 'unauthorized' ? refusedTokenMessage(report.error, givenOnCommandLine) : report.error);
      }
      const { applied, quarantined, droppedForbiddenFields, pages, pushedActions, pushedMemory } = report.summary;
      if (report.summary.failedActions > 0) log(`${report.summary.failedActions} queued action(s) were refused by the platform and marked failed`);
      if (report.summary.failedMemory > 0) log(`${report.summary.failedMemory} memory change(s) were refused by the platform and marked failed`);
      if (report.summary.heldMemory > 0) log(`${report.summary.heldMemory} memory change(s) wait in the outbox: this platform does not keep notes, tags or follow-ups`);
      return { applied, quarantined, droppedForbiddenFields, pages, pushedActions, pushedMemory };
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
      await service.shutdown();
    }
  },
  formatHuman(result) {
    const r = result as SyncCommandResult;
    return [
      `Applied ${r.applied} change record(s) in ${r.pages} page(s).`,
      `Quarantined ${r.quarantined}; removed ${r.droppedForbiddenFields} forbidden field(s).`,
      `Pushed ${r.pushedActions} queued action(s) and ${r.pushedMemory} memory change(s) to the platform.`,
    ].join('\n');
  },
};

/**
 * The core words a refused token as the workspace's saved one, which is what the app syncs with.
 * A token given with `--token` is used for this run only and never saved, so say that instead.
 */
export function refusedTokenMessage(coreMessage: string, givenOnCommandLine: boolean): string {
  const status = /HTTP (\d{3})/.exec(coreMessage)?.[1];
  const how = status ? ` (HTTP ${status})` : '';
  return givenOnCommandLine
    ? `The platform refused the token given with --token${how}. Check the token and run the command again; nothing was saved.`
    : `The platform refused the token saved in this workspace${how}. Reconnect in the app (Settings → Platform connection), or run with --server and --token.`;
}
