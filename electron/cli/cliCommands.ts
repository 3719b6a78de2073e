import type { CliCommand } from './cliCommand';
import { actionCommand } from './commands/actionCommand';
import { alertsCommand } from './commands/alertsCommand';
import { benchCommand } from './commands/benchCommand';
import { clvValidateCommand } from './commands/clvValidateCommand';
import { demoCommand } from './commands/demoCommand';
import { importCommand } from './commands/importCommand';
import { inboxCommand } from './commands/inboxCommand';
import { modelCommand } from './commands/modelCommand';
import { profileCommand } from './commands/profileCommand';
import { segmentCommand } from './commands/segmentCommand';
import { statsCommand } from './commands/statsCommand';
import { syncCommand } from './commands/syncCommand';

/** Every `crm` command (SPEC §10). */
export const CLI_COMMANDS: readonly CliCommand[] = [demoCommand, importCommand, statsCommand, syncCommand, segmentCommand, inboxCommand, profileCommand, alertsCommand, actionCommand, benchCommand, clvValidateCommand, modelCommand];
