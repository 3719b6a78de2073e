import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelQuality } from '../../../shared/domain/modelQuality';
import { captureCli } from '../../../tests/support/captureCli';
import { tempDir } from '../../../tests/support/tempDir';

// The CDNOW data lives outside the repo (never copied in): ../shared next to the repo root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cdnowSample = path.resolve(repoRoot, '../shared/datasets/cdnow/CDNOW_sample.txt');
const missing = !fs.existsSync(cdnowSample);
if (missing) console.warn(`[clv] SKIPPED the clv-validate CDNOW test: ${cdnowSample} not found (../shared is absent next to ${repoRoot}).`);

const NOW = '2025-12-03T10:00:00Z';

/** |actual / published − 1| ≤ relative. */
function within(actual: number, published: number, relative: number): void {
  expect(Math.abs(actual / published - 1), `${actual} vs published ${published}`).toBeLessThanOrEqual(relative);
}

describe('crm clv-validate', () => {
  it.skipIf(missing)('reproduces the published CDNOW parameters and prints exactly the documented JSON', async () => {
    const run = await captureCli(['clv-validate', '--cdnow', cdnowSample, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const result = run.json<{
      bgnbd: Record<string, number>;
      gammaGamma: Record<string, number>;
      holdout: { bins: { x: string; customers: number; actualMean: number; predictedMean: number }[] };
      fitMs: number;
    }>();
    expect(Object.keys(result)).toEqual(['bgnbd', 'gammaGamma', 'holdout', 'fitMs']);
    expect(Object.keys(result.bgnbd)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood']);
    expect(Object.keys(result.gammaGamma)).toEqual(['p', 'q', 'gamma']);
    expect(Object.keys(result.holdout)).toEqual(['bins']);

    // Fader, Hardie & Lee (2005a) Table 2; (2005b) p. 421.
    within(result.bgnbd.r ?? 0, 0.243, 0.01);
    within(result.bgnbd.alpha ?? 0, 4.414, 0.01);
    within(result.bgnbd.a ?? 0, 0.793, 0.01);
    within(result.bgnbd.b ?? 0, 2.426, 0.01);
    expect(Math.abs((result.bgnbd.logLikelihood ?? 0) - -9582.4)).toBeLessThanOrEqual(0.5);
    within(result.gammaGamma.p ?? 0, 6.25, 0.01);
    within(result.gammaGamma.q ?? 0, 3.74, 0.01);
    within(result.gammaGamma.gamma ?? 0, 15.44, 0.01);

    expect(result.holdout.bins.map((bin) => bin.x)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(result.holdout.bins.reduce((sum, bin) => sum + bin.customers, 0)).toBe(2357);
    for (const bin of result.holdout.bins) expect(Object.keys(bin)).toEqual(['x', 'customers', 'actualMean', 'predictedMean']);
    expect(result.fitMs).toBeGreaterThan(0);

    const human = await captureCli(['clv-validate', '--cdnow', cdnowSample]);
    expect(human.stdout).toContain('published:     r = 0.243');
  });

  it('explains a missing, garbled or absent file on stderr with a non-zero exit and no stdout', async () => {
    const dir = tempDir();
    const absent = await captureCli(['clv-validate', '--cdnow', path.join(dir, 'nope.txt'), '--json']);
    expect(absent).toMatchObject({ code: 1, stdout: '' });
    expect(absent.stderr).toContain('No such file');

    const garbled = path.join(dir, 'garbled.txt');
    fs.writeFileSync(garbled, '00001 1 19970101 1 11.77\r\nthis is not cdnow\r\n');
    const bad = await captureCli(['clv-validate', '--cdnow', garbled, '--json']);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toContain('is not a CDNOW transaction file');
    expect(bad.stderr).toContain('line 2');

    const tiny = path.join(dir, 'tiny.txt');
    fs.writeFileSync(tiny, '00001 1 19970101 1 11.77\r\n');
    const tooFew = await captureCli(['clv-validate', '--cdnow', tiny, '--json']);
    expect(tooFew).toMatchObject({ code: 1, stdout: '' });

    const folder = await captureCli(['clv-validate', '--cdnow', dir, '--json']);
    expect(folder).toMatchObject({ code: 1, stdout: '' });
    expect(folder.stderr).toContain('Not a file');

    const noOption = await captureCli(['clv-validate', '--json']);
    expect(noOption.code).toBe(2);
    expect(noOption.stderr).toContain('--cdnow needs the path of CDNOW_sample.txt');
  });
});

describe('crm model', () => {
  it('prints model.quality for the workspace at --now, fitting the models on first use', async () => {
    const dataDir = tempDir();
    expect((await captureCli(['demo', '--data-dir', dataDir, '--supporters', '400', '--seed', '7', '--now', NOW])).code).toBe(0);
    const run = await captureCli(['model', '--data-dir', dataDir, '--now', NOW, '--json']);
    expect(run.code).toBe(0);
    const quality = run.json<ModelQuality>();
    expect(quality.fittedAt).toBe(new Date(NOW).toISOString());
    expect(quality.parameters?.bgnbd.r).toBeGreaterThan(0);
    expect(quality.supportersFitted).toBeGreaterThan(0);
    expect('bins' in quality.backtest && quality.backtest.cutoff).toBe('2025-11-03T10:00:00.000Z');

    const human = await captureCli(['model', '--data-dir', dataDir, '--now', NOW, '--refit']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('BG/NBD (days): r = ');
    expect(human.stdout).toMatch(/Hot Lead precision: /);
  });
});
