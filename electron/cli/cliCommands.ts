import type { CliCommand } from './cliCommand';
import { actionCommand } from './commands/actionCommand';
import { alertsCommand } from './commands/alertsCommand';
import { benchCommand } from './commands/benchCommand';
import { clvValidateCommand } from './commands/clvValidateCommand';
import { demoCommand } from './commands/demoCommand';
import { followupCommand } from './commands/followupCommand';
import { importCommand } from './commands/importCommand';
import { inboxCommand } from './commands/inboxCommand';
import { modelCommand } from './commands/modelCommand';
import { noteCommand } from './commands/noteCommand';
import { profileCommand } from './commands/profileCommand';
import { searchCommand } from './commands/searchCommand';
import { segmentCommand } from './commands/segmentCommand';
import { snoozeCommand } from './commands/snoozeCommand';
import { statsCommand } from './commands/statsCommand';
import { syncCommand } from './commands/syncCommand';
import { tagCommand } from './commands/tagCommand';
import { tagsCommand } from './commands/tagsCommand';

/** Every `crm` command (SPEC §10, §13). */
export const CLI_COMMANDS: readonly CliCommand[] = [demoCommand, importCommand, statsCommand, syncCommand, segmentCommand, inboxCommand, profileCommand, alertsCommand, actionCommand, benchCommand, clvValidateCommand, modelCommand, noteCommand, tagCommand, tagsCommand, followupCommand, snoozeCommand, searchCommand];
