import { CrmCore } from '../../crmCore';
const core = CrmCore.open({ dataDir: process.argv[2]! });
console.log(core.stores.clv.explainAllTabPage('chance_active'));
core.close();
