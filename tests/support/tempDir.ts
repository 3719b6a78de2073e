import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const created: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'crm-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const suiteDirs: string[] = [];

/** A fresh folder that lives for the whole test file (for `beforeAll` set-ups), removed after it. */
export function suiteTempDir(prefix = 'crm-suite-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  suiteDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of suiteDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
