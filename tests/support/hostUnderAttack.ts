import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { startConsoleHost, type ConsoleHost } from '../../e2e/support/startConsoleHost';
import { captureCli } from './captureCli';
import { suiteTempDir } from './tempDir';

/**
 * The browser host as a separate process (`electron/web/main.ts`, the real core worker behind it)
 * on a one-supporter workspace, for tests that attack its port: if any input ends the process,
 * its exit code says so instead of the test runner dying with it.
 */
export interface HostUnderAttack {
  host: ConsoleHost;
  /** `name=value` of the session cookie the host sets for its access token. */
  cookie: string;
  origin: string;
}

export async function prepareWorkspace(): Promise<{ dataDir: string; rendererDir: string }> {
  const root = suiteTempDir('crm-host-attack-');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  // One supporter, so the host opens a real workspace without generating the demo.
  const file = path.join(root, 'one.jsonl');
  fs.writeFileSync(file, `${JSON.stringify({ entity: 'supporter', op: 'upsert', data: { id: 's1', handle: 'fan1', firstSeenAt: '2025-11-01T00:00:00Z' } })}\n`);
  const dataDir = path.join(root, 'data');
  const imported = await captureCli(['import', file, '--data-dir', dataDir, '--json']);
  if (imported.code !== 0) throw new Error(`could not prepare the workspace: ${imported.stderr}`);
  return { dataDir, rendererDir };
}

export async function startHostUnderAttack(workspace: { dataDir: string; rendererDir: string }): Promise<HostUnderAttack> {
  const host = await startConsoleHost({ ...workspace, port: 0 });
  return { host, cookie: await sessionCookie(host), origin: host.origin };
}

/** Trades the printed URL's token for the session cookie, as a browser does on first visit. */
export function sessionCookie(host: ConsoleHost): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (response) => {
      response.resume();
      const cookie = response.headers['set-cookie']?.[0]?.split(';')[0];
      if (cookie) resolve(cookie);
      else reject(new Error(`no session cookie (HTTP ${response.statusCode})`));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A well-behaved client's round trip: the host is alive and still answers the contract. */
export function pingOverWebSocket(target: HostUnderAttack, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${target.host.port}/api`, { headers: { origin: target.origin, cookie: target.cookie } });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no answer to system.ping'));
    }, timeoutMs);
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, name: 'system.ping', input: {} })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== 1) return;
      clearTimeout(timer);
      socket.close();
      resolve(message.result);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
