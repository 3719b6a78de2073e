import net from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleHost, type ConsoleHost } from '../../e2e/support/startConsoleHost';
import { prepareWorkspace } from '../../tests/support/hostUnderAttack';

/** `npm run web`'s entry as a creator starts it: which port it takes, and what it says when it cannot. */
let workspace: { dataDir: string; rendererDir: string };
const started: ConsoleHost[] = [];

beforeAll(async () => {
  workspace = await prepareWorkspace();
});

afterEach(async () => {
  for (const host of started.splice(0)) await host.stop();
});

function occupy(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('electron/web/main.ts', () => {
  it('says plainly that an explicit --port is taken, and exits 1', async () => {
    const blocker = await occupy();
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const refused = await startConsoleHost({ ...workspace, port }).then(
        () => new Error('started on a taken port'),
        (error: unknown) => error as Error,
      );
      expect(refused.message).toContain('console host exited with 1:\n');
      expect(refused.message).toContain(`Port ${port} is already in use; choose another with --port, or leave --port out.`);
    } finally {
      blocker.close();
    }
  });

  it('without --port, listens where the workspace\'s console last did, or elsewhere when that port is taken', async () => {
    const first = await startConsoleHost({ ...workspace, port: 0 });
    started.push(first);
    await first.stop();
    const again = await startConsoleHost({ ...workspace, port: 'remembered' });
    started.push(again);
    expect(again.port).toBe(first.port);
    expect(again.token).not.toBe(first.token);
    await again.stop();

    const blocker = await occupy(first.port);
    try {
      const elsewhere = await startConsoleHost({ ...workspace, port: 'remembered' });
      started.push(elsewhere);
      expect(elsewhere.port).not.toBe(first.port);
      expect(elsewhere.stderr()).toContain(`Port ${first.port} is taken; a page left open on it will not rejoin this console.`);
    } finally {
      blocker.close();
    }
  });
});
