// `npm test`: every check — typecheck, lint, unit and property tests, the production build, and the
// Playwright end-to-end tests (browser host in Chromium; Electron where its binary exists) — then
// one closing line "N passed, N failed" that totals every runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function single(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  summary.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

single('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
single('lint', bin('eslint'), ['.']);

const vitestJson = path.join(resultsDir, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const unit = run('unit and property tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests + (unit.ok || vitest.numFailedTests > 0 ? 0 : 1);
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  summary.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped (${unit.seconds} s)`);
} else {
  totals.failed += 1;
  summary.push(`vitest: FAILED to report (${unit.seconds} s)`);
}

const built = single('build (electron-vite)', bin('electron-vite'), ['build']);

if (built) single('Electron security lint (electronegativity)', process.execPath, [path.join(root, 'scripts', 'securityLint.mjs')]);
else {
  totals.failed += 1;
  summary.push('Electron security lint: not run (the build failed)');
}

if (built) {
  const playwrightJson = path.join(resultsDir, 'playwright.json');
  fs.rmSync(playwrightJson, { force: true });
  const e2e = run('end-to-end tests (Playwright)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  const playwright = readJson(playwrightJson);
  if (playwright?.stats) {
    const { expected, unexpected, flaky, skipped } = playwright.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected + (e2e.ok || unexpected > 0 ? 0 : 1);
    totals.skipped += skipped;
    summary.push(`playwright: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped (${e2e.seconds} s)`);
  } else {
    totals.failed += 1;
    summary.push(`playwright: FAILED to report (${e2e.seconds} s)`);
  }
} else {
  totals.failed += 1;
  summary.push('playwright: not run (the build failed)');
}

process.stdout.write(`\n=== summary ===\n${summary.join('\n')}\n\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed === 0 ? 0 : 1;
