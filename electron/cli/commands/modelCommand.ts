import type { ModelQuality } from '../../../shared/domain/modelQuality';
import type { CliCommand } from '../cliCommand';
import { invokeCoreRequest } from '../invokeCoreRequest';

/** `model [--refit] [--now ISO]`: the customer-base models' quality report for this workspace (`model.quality`). */
export const modelCommand: CliCommand = {
  name: 'model',
  usage: 'model [--refit] [--now ISO]',
  summary: 'customer-base model quality: parameters, fit time, 30-day backtest, last week\'s Hot Lead precision',
  // A refit writes the stored fit; the report alone only reads.
  writes: (options) => options.refit === true,
  flags: ['refit'],
  run({ options, openWorkspace }) {
    return invokeCoreRequest(openWorkspace(), 'model.quality', options.refit === true ? { refit: true } : {});
  },
  formatHuman(value) {
    const q = value as ModelQuality;
    const lines = [`fitted at ${q.fittedAt} on ${q.supportersFitted} supporters with a purchase (${q.repeatSupporters} bought on 2+ days)`];
    if (q.parameters === null) {
      lines.push(`not enough data: ${q.detail ?? 'the models could not be fitted'}`);
    } else {
      const { bgnbd, gammaGamma } = q.parameters;
      lines.push(
        `BG/NBD (days): r = ${bgnbd.r.toFixed(3)}  α = ${bgnbd.alpha.toFixed(3)}  a = ${bgnbd.a.toFixed(3)}  b = ${bgnbd.b.toFixed(3)}  LL = ${bgnbd.logLikelihood.toFixed(1)}`,
        `gamma-gamma (tokens): p = ${gammaGamma.p.toFixed(3)}  q = ${gammaGamma.q.toFixed(3)}  γ = ${gammaGamma.gamma.toFixed(3)}`,
      );
    }
    lines.push(`fit ${q.fitMs.toFixed(0)} ms, whole refit ${q.refitMs.toFixed(0)} ms`);
    if ('bins' in q.backtest) {
      lines.push(`backtest: fitted up to ${q.backtest.cutoff}, purchase days in the 30 days after`, '  x     supporters   actual  predicted');
      for (const bin of q.backtest.bins) {
        lines.push(`  ${bin.x.padEnd(4)} ${String(bin.customers).padStart(11)} ${bin.actualMean.toFixed(2).padStart(8)} ${bin.predictedMean.toFixed(2).padStart(10)}`);
      }
    } else {
      lines.push(`backtest: not enough data (${q.backtest.detail})`);
    }
    const h = q.hotLeadPrecision;
    lines.push(
      h === null
        ? 'Hot Lead precision: nobody was a Hot Lead a week ago'
        : `Hot Lead precision: ${h.spentInFollowing7Days} of ${h.hotLeadsLastWeek} Hot Leads a week ago spent in the 7 days since (${Math.round(h.precision * 100)}%)`,
    );
    return lines.join('\n');
  },
};
