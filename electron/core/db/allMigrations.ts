import type { Migration } from './migration';
import { migration001InitialSchema } from './migrations/migration001InitialSchema';
import { migration002EngineTables } from './migrations/migration002EngineTables';
import { migration003SyncState } from './migrations/migration003SyncState';
import { migration004AlertsAndActions } from './migrations/migration004AlertsAndActions';
import { migration005ClvTables } from './migrations/migration005ClvTables';
import { migration006AlertWatermark } from './migrations/migration006AlertWatermark';
import { migration007PurchaseMembershipIndex } from './migrations/migration007PurchaseMembershipIndex';
import { migration008SupporterStateTable } from './migrations/migration008SupporterStateTable';
import { migration009PackedRollup } from './migrations/migration009PackedRollup';
import { migration010ChangeSequence } from './migrations/migration010ChangeSequence';
import { migration011RelationshipMemory } from './migrations/migration011RelationshipMemory';
import { migration012AlertJudgingState } from './migrations/migration012AlertJudgingState';
import { migration013NowQueue } from './migrations/migration013NowQueue';
import { migration014MemorySync } from './migrations/migration014MemorySync';
import { migration015PurchaseIndex } from './migrations/migration015PurchaseIndex';
import { migration016OpenAlertIndex } from './migrations/migration016OpenAlertIndex';
import { migration017AlertHistoryIndex } from './migrations/migration017AlertHistoryIndex';
import { migration018OpenAlertTallyIndex } from './migrations/migration018OpenAlertTallyIndex';

/** Every schema step in order. Append new steps; never reorder or edit released ones. */
export const ALL_MIGRATIONS: readonly Migration[] = [migration001InitialSchema, migration002EngineTables, migration003SyncState, migration004AlertsAndActions, migration005ClvTables, migration006AlertWatermark, migration007PurchaseMembershipIndex, migration008SupporterStateTable, migration009PackedRollup, migration010ChangeSequence, migration011RelationshipMemory, migration012AlertJudgingState, migration013NowQueue, migration014MemorySync, migration015PurchaseIndex, migration016OpenAlertIndex, migration017AlertHistoryIndex, migration018OpenAlertTallyIndex];

export const LATEST_SCHEMA_VERSION = ALL_MIGRATIONS.at(-1)?.version ?? 0;
