import type { RequestHandlers } from '../requestHandler';

export const settingsHandlers: RequestHandlers<'settings.get' | 'settings.update'> = {
  'settings.get': ({ core }) => core.stores.settings.get(),
  'settings.update': ({ core }, patch) => {
    const settings = core.stores.settings.update(patch);
    core.emit({ kind: 'data_changed', reason: 'settings' });
    return settings;
  },
};
