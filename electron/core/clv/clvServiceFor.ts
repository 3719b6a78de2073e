import type { EngineCore } from '../engine/segmentationService';
import { ClvService } from './clvService';

const services = new WeakMap<EngineCore, ClvService>();

/** The one customer-base model service of a core (it keeps no state of its own beyond the database). */
export function clvServiceFor(core: EngineCore): ClvService {
  let service = services.get(core);
  if (service === undefined) {
    service = new ClvService(core);
    services.set(core, service);
  }
  return service;
}
