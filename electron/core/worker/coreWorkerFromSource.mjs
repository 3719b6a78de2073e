// Entry for running the core worker from TypeScript source (browser host, tests): registers
// tsx's loader inside the worker thread, which does not inherit the parent's loader.
import { register } from 'tsx/esm/api';

register();
await import('./coreWorker.ts');
