import { describe, expect, it } from 'vitest';
import type { ModelQuality } from '../../../shared/domain/modelQuality';
import { modelVerdict } from './modelVerdict';

function quality(predicted: number, actual: number, customers = 100): ModelQuality {
  return {
    fittedAt: '2025-12-03T10:00:00Z',
    parameters: { bgnbd: { r: 1, alpha: 1, a: 1, b: 1, logLikelihood: -1 }, gammaGamma: { p: 1, q: 2, gamma: 1, logLikelihood: -1 } },
    detail: null,
    fitMs: 1,
    refitMs: 1,
    supportersFitted: customers,
    repeatSupporters: customers,
    backtest: { cutoff: '2025-11-03T10:00:00Z', bins: [{ x: '1', customers, predictedMean: predicted / customers, actualMean: actual / customers }] },
    hotLeadPrecision: null,
  };
}

describe('modelVerdict', () => {
  it('says reliable within 10 %, rounding the gap up', () => {
    expect(modelVerdict(quality(108, 100))).toEqual({ tone: 'good', text: 'Reliable for your supporters: predicted vs actual within 8 %.' });
    expect(modelVerdict(quality(92.5, 100)).text).toBe('Reliable for your supporters: predicted vs actual within 8 %.');
    expect(modelVerdict(quality(100, 100)).text).toBe('Reliable for your supporters: predicted vs actual within 1 %.');
    expect(modelVerdict(quality(110, 100)).tone).toBe('good');
  });

  it('calls 10–25 % a rough guide and more than that not reliable yet', () => {
    expect(modelVerdict(quality(120, 100))).toMatchObject({ tone: 'fair', text: expect.stringContaining('differ by 20 %') });
    expect(modelVerdict(quality(125, 100)).tone).toBe('fair');
    expect(modelVerdict(quality(60, 100))).toMatchObject({ tone: 'poor', text: expect.stringMatching(/^Not reliable for your supporters yet: predicted vs actual differ by 40 %/) });
  });

  it('does not judge on too little: no fit, no backtest, or under 30 purchase days', () => {
    expect(modelVerdict({ ...quality(1, 1), parameters: null }).tone).toBe('unknown');
    expect(modelVerdict({ ...quality(1, 1), backtest: { cutoff: '2025-11-03T10:00:00Z', notEnoughData: true, detail: 'x' } }).tone).toBe('unknown');
    expect(modelVerdict(quality(20, 29)).text).toBe('Too early to judge: only 29 purchase days happened in the last 30 days (at least 30 are needed).');
  });
});
