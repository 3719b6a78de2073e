import { test } from '@playwright/test';
import { startPlatformServer, type PlatformServer } from '../../../electron/platform/platformServer';
import { startConsoleHost, type ConsoleHost } from '../../support/startConsoleHost';
import { createFixtureWorkspace, removeFixtureWorkspace } from './fixtureWorkspace';

/**
 * The fixture workspace (fixtureWorkspace.ts) behind a console host, with an in-process reference
 * platform the console can connect to: started once for a spec file, stopped after it. Read the
 * parts inside tests; `restartPlatform` brings the platform back on the same address (offline tests).
 */
export class FixtureSession {
  private started: { host: ConsoleHost; dataDir: string; platform: PlatformServer } | null = null;

  constructor(
    readonly platformToken: string,
    private readonly platformRecords: readonly unknown[] = [],
  ) {
    test.beforeAll(async () => {
      const dataDir = createFixtureWorkspace();
      const host = await startConsoleHost({ dataDir });
      const platform = await startPlatformServer({ token: platformToken, records: platformRecords });
      this.started = { host, dataDir, platform };
    });
    test.afterAll(async () => {
      await this.started?.host.stop();
      if (this.started) removeFixtureWorkspace(this.started.dataDir);
      await this.started?.platform.close();
      this.started = null;
    });
  }

  get host(): ConsoleHost {
    return this.parts().host;
  }

  get platform(): PlatformServer {
    return this.parts().platform;
  }

  /** Starts a platform with the same token and records on the address the last one had (close it first). */
  async restartPlatform(): Promise<PlatformServer> {
    const parts = this.parts();
    parts.platform = await startPlatformServer({ token: this.platformToken, records: this.platformRecords, port: parts.platform.port });
    return parts.platform;
  }

  private parts(): { host: ConsoleHost; dataDir: string; platform: PlatformServer } {
    if (!this.started) throw new Error('The fixture session is used outside its spec file’s tests.');
    return this.started;
  }
}
