import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { fail, type ApiResult } from '../../shared/contract/apiResult';
import { ipcRequestChannel } from '../../shared/contract/ipcChannels';
import { isTrustedSender } from './isTrustedSender';

export interface IpcBackend {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
}

/** Routes each request channel to the core worker after checking who sent it. */
export function registerIpcRouting(
  ipcMain: Pick<IpcMain, 'handle'>,
  backend: IpcBackend,
  trust: { webContentsIds: ReadonlySet<number>; isAppUrl: (url: string) => boolean },
  onRefused: (name: string, url: string) => void = () => undefined,
): void {
  for (const name of API_REQUEST_NAMES) {
    ipcMain.handle(ipcRequestChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame, event.sender.id, trust.webContentsIds, trust.isAppUrl)) {
        onRefused(name, frame?.url ?? '(gone)');
        return fail('forbidden', 'Refused: this request did not come from the console window.');
      }
      return backend.invoke(name, input);
    });
  }
}
