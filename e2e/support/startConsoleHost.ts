import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ConsoleHost {
  url: string;
  origin: string;
  port: number;
  /** The access token of the printed URL. */
  token: string;
  dataDir: string;
  /** The host process's exit code, or null while it runs (a robustness test's figure). */
  exitCode(): number | null;
  /** What the host wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ConsoleHostOptions {
  /** A workspace to open; default a fresh temp folder (the demo workspace is generated there). */
  dataDir?: string;
  /**
   * 0 (default) picks a free port; a fixed port lets a test restart the host where the page expects
   * it; `remembered` gives no `--port`, as a creator would (the workspace's last port when free).
   */
  port?: number | 'remembered';
  /** The built renderer to serve; default `out/renderer`. */
  rendererDir?: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Starts `npm run web`'s entry as a child process on a fresh (or given) workspace and waits for the
 * ready line with the tokenised URL. A separate process, so whatever the host does (exit included)
 * is observable and cannot take the test runner with it.
 */
export async function startConsoleHost(options: ConsoleHostOptions = {}): Promise<ConsoleHost> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const args = [path.join(repoRoot, 'scripts/runTypeScript.mjs'), path.join(repoRoot, 'electron/web/main.ts'), '--data-dir', dataDir];
  if (options.port !== 'remembered') args.push('--port', String(options.port ?? 0));
  if (options.rendererDir) args.push('--renderer-dir', options.rendererDir);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`console host did not start in time:\n${stderr}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready: (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`console host exited with ${code}:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    exitCode: () => child.exitCode ?? (child.signalCode === null ? null : 128),
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
