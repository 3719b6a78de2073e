import type { ScoreBreakdown } from '../../../shared/domain/supporterProfile';
import { SIGNAL_LABELS } from '../app/labels';

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/**
 * The score's arithmetic laid bare (SPEC §3): each signal's value × weight, the bonuses, and the cap.
 * Creators trust a ranking they can check.
 */
export function WhyThisScore({ id, breakdown, probability }: { id: string; breakdown: ScoreBreakdown; probability: number }) {
  return (
    <section id={id} className="why-score" aria-label="Why this score">
      <table className="data-table">
        <caption className="sr-only">How the conversion probability is calculated</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col" className="number">
              Value (0–100)
            </th>
            <th scope="col" className="number">
              Weight
            </th>
            <th scope="col" className="number">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.signals.map((signal) => (
            <tr key={signal.name}>
              <th scope="row">{SIGNAL_LABELS[signal.name]}</th>
              <td className="number">{decimal.format(signal.value)}</td>
              <td className="number">{Math.round(signal.weight * 100)}%</td>
              <td className="number">{decimal.format(signal.contribution)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Online now</th>
            <td colSpan={2} />
            <td className="number">+{decimal.format(breakdown.onlineBonus)}</td>
          </tr>
          <tr>
            <th scope="row">Active fan club member</th>
            <td colSpan={2} />
            <td className="number">+{decimal.format(breakdown.fanClubBonus)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td colSpan={2} className="muted">
              {breakdown.rawScore > breakdown.cappedScore ? `capped at 100 from ${decimal.format(breakdown.rawScore)}` : ''}
            </td>
            <td className="number">{decimal.format(breakdown.cappedScore)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted">Rounded, this gives the {probability}% conversion probability.</p>
    </section>
  );
}
