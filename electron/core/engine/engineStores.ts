import type { EngineInputStore } from '../store/engineInputStore';
import type { MetaStore } from '../store/metaStore';
import type { RollupStore } from '../store/rollupStore';
import type { ScoreStore } from '../store/scoreStore';
import type { WorkspaceStore } from '../store/workspaceStore';

/** The stores the engine reads and writes: it is given these, never the database. */
export interface EngineStores {
  meta: MetaStore;
  scores: ScoreStore;
  rollups: RollupStore;
  engineInput: EngineInputStore;
  workspace: WorkspaceStore;
}
