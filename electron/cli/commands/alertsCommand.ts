import type { AlertView } from '../../../shared/domain/alertView';
import { runAlertSweep } from '../../core/alerts/alertService';
import type { CliCommand } from '../cliCommand';
import { invokeCoreRequest } from '../invokeCoreRequest';

export const alertsCommand: CliCommand = {
  name: 'alerts',
  usage: 'alerts [--now ISO] [--all]',
  summary: 'runs the hourly alert sweep at --now, then lists current alerts (--all: expired and dismissed too), newest first, at most 100',
  // The sweep it runs first writes alerts.
  writes: true,
  flags: ['all'],
  async run({ options, openWorkspace }) {
    const services = openWorkspace();
    // The sweep also judges activity an import left waiting, so time-based alerts appear (SPEC §10).
    runAlertSweep(services.core, services.core.clock());
    return invokeCoreRequest(services, 'alerts.list', { includeAll: options.all === true });
  },
  formatHuman(result) {
    const { alerts } = result as { alerts: AlertView[] };
    if (alerts.length === 0) return 'No alerts.';
    return alerts
      .map((alert) => {
        const state = alert.dismissedAt ? ' (dismissed)' : alert.readAt ? ' (read)' : '';
        return `${alert.priority.toUpperCase().padEnd(7)} ${alert.createdAt}  ${alert.message}${state}  [${alert.id}]`;
      })
      .join('\n');
  },
};
