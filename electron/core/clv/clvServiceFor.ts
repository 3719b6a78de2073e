import type { EngineCore } from '../engine/segmentationService';
import { ClvService } from './clvService';

const services = new WeakMap<EngineCore, ClvService>();

/** The one customer-base model service of a core (beyond the database it only knows whether a refit in slices is under way). */
export function clvServiceFor(core: EngineCore): ClvService {
  let service = services.get(core);
  if (service === undefined) {
    service = new ClvService(core);
    services.set(core, service);
  }
  return service;
}
