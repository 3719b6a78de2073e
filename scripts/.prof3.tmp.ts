import { CrmCore } from '../electron/core/crmCore';
import { segmentationFor } from '../electron/core/engine/segmentationService';
const now = Date.parse('2026-01-15T16:00:00Z');
const core = CrmCore.open({ dataDir: process.argv[2]!, clock: () => now });
const svc = segmentationFor(core);
for (let round = 0; round < 4; round++) svc.runFull(now + 86400000 * (round + 10));
core.close();
