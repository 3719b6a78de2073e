import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordsFile } from './loadPlatformRecords';

const REPO = path.resolve(__dirname, '../..');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function writeJsonl(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-platform-'));
  dirs.push(dir);
  const file = path.join(dir, 'changes.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const LINES = [
  '{"entity":"supporter","op":"upsert","data":{"id":"s1","handle":"one","firstSeenAt":"2025-11-01T10:00:00Z","email":"x@example.invalid"}}',
  '{"entity":"activity","op":"upsert","data":{"id":"a1","supporterId":"s1","type":"gift","at":"2025-11-02T10:00:00Z","tokens":5}}',
  '{not json',
  '',
  '{"entity":"wallet","op":"upsert","data":{"id":"w1"}}',
];

describe('platform command line', () => {
  it('reads a JSONL file, skipping lines that are not JSON', async () => {
    const { records, skippedLines } = await readRecordsFile(writeJsonl(LINES));
    expect(records).toHaveLength(3);
    expect(skippedLines).toBe(1);
  });

  it('prints its 127.0.0.1 URL on one line when ready and serves the file', async () => {
    const file = writeJsonl(LINES);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'electron/platform/main.ts'), '--port', '0', '--token', 'cli-token', '--data', file], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0] as string);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${firstLine}/v1/changes?limit=10`, { headers: { authorization: 'Bearer cli-token' } });
      const page = (await response.json()) as { changes: unknown[]; hasMore: boolean };
      expect(page.changes).toHaveLength(3);
      expect(page.hasMore).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
    expect(code).toBe(0);
  });

  it('refuses to start without a token or a data source', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'electron/platform/main.ts'), '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--token is required/);
  });
});
