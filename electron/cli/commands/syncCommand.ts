import { FileCredentialVault, MemoryCredentialVault, type CredentialVault } from '../../core/sync/credentialVault';
import { SyncConfigError, validateServerUrl } from '../../core/sync/syncService';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

export interface SyncCommandResult {
  applied: number;
  quarantined: number;
  droppedForbiddenFields: number;
  pages: number;
  pushedActions: number;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync [--server URL --token T] [--page-size N] [--timeout-ms MS]',
  summary: 'one sync run: push queued actions, then pull changes from the platform',
  valueOptions: ['server', 'token', 'page-size', 'timeout-ms'],
  async run({ options, dataDir, openWorkspace, log }): Promise<SyncCommandResult> {
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
    if (serverUrl === null && (await vault.load()) === null) {
      throw new CliUsageError('no saved platform connection in this workspace: give --server and --token');
    }
    let received = 0;
    const { sync: service } = openWorkspace({
      sync: {
        vault,
        pageSize,
        requestTimeoutMs,
        log,
        onPageApplied: (summary) => {
          received = summary.applied + summary.quarantined;
          log(`… page ${summary.pages}: ${received} records`);
        },
      },
    });
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
        throw new Error(report.error);
      }
      const { applied, quarantined, droppedForbiddenFields, pages, pushedActions } = report.summary;
      if (report.summary.failedActions > 0) log(`${report.summary.failedActions} queued action(s) were refused by the platform and marked failed`);
      return { applied, quarantined, droppedForbiddenFields, pages, pushedActions };
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
      `Pushed ${r.pushedActions} queued action(s) to the platform.`,
    ].join('\n');
  },
};
