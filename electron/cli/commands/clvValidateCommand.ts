import fs from 'node:fs';
import { runClvValidate, type ClvValidateResult } from '../../core/clv/runClvValidate';
import { CliUsageError, type CliCommand } from '../cliCommand';

/**
 * `clv-validate --cdnow FILE`: fits BG/NBD and gamma-gamma on Fader & Hardie's CDNOW sample with
 * the published conventions and prints the parameters and the holdout comparison, so anyone can
 * check them against the published numbers. Reads no workspace.
 */
export const clvValidateCommand: CliCommand = {
  name: 'clv-validate',
  usage: 'clv-validate --cdnow FILE',
  summary: 'fit the customer-base models on the CDNOW sample and print parameters, holdout bins and fit time',
  // Reads no workspace.
  writes: false,
  valueOptions: ['cdnow'],
  run({ options }) {
    const file = options.cdnow;
    if (typeof file !== 'string' || file === '') throw new CliUsageError('--cdnow needs the path of CDNOW_sample.txt');
    if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
    if (!fs.statSync(file).isFile()) throw new Error(`Not a file: ${file}`);
    let result: ClvValidateResult;
    try {
      result = runClvValidate(file);
    } catch (error) {
      throw new Error(
        `${file} is not a CDNOW transaction file (masterId sampleId YYYYMMDD CDs dollars per line): ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const numbers = [...Object.values(result.bgnbd), ...Object.values(result.gammaGamma)];
    if (!numbers.every(Number.isFinite)) throw new Error(`${file} holds too few usable CDNOW transactions to fit the models`);
    // Exactly the documented shape, in its order.
    return {
      bgnbd: result.bgnbd,
      gammaGamma: result.gammaGamma,
      holdout: { bins: result.holdout.bins },
      fitMs: result.fitMs,
    } satisfies ClvValidateResult;
  },
  formatHuman(value) {
    const r = value as ClvValidateResult;
    const f = (n: number, digits = 3) => n.toFixed(digits);
    return [
      `BG/NBD (weeks):  r = ${f(r.bgnbd.r)}  α = ${f(r.bgnbd.alpha)}  a = ${f(r.bgnbd.a)}  b = ${f(r.bgnbd.b)}  LL = ${f(r.bgnbd.logLikelihood, 1)}`,
      '  published:     r = 0.243  α = 4.414  a = 0.793  b = 2.426  LL = -9582.4',
      `gamma-gamma:     p = ${f(r.gammaGamma.p, 2)}  q = ${f(r.gammaGamma.q, 2)}  γ = ${f(r.gammaGamma.gamma, 2)}`,
      '  published:     p = 6.25  q = 3.74  γ = 15.44',
      'holdout, weeks 40–78: mean repeat purchases by calibration repeat purchases',
      '  x     customers   actual  predicted',
      ...r.holdout.bins.map(
        (bin) => `  ${bin.x.padEnd(4)} ${String(bin.customers).padStart(10)} ${f(bin.actualMean, 2).padStart(8)} ${f(bin.predictedMean, 2).padStart(10)}`,
      ),
      `fit time: ${r.fitMs.toFixed(0)} ms`,
    ].join('\n');
  },
};
