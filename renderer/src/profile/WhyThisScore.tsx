import type { ScoreBreakdown, SupporterProfile } from '../../../shared/domain/supporterProfile';
import { SIGNAL_LABELS } from '../app/labels';
import { explainPriorityScore, PRIORITY_CAP } from './explainPriorityScore';

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/**
 * Both scores' arithmetic laid bare: the conversion probability (SPEC §3: each signal's value ×
 * weight, the bonuses, the cap of 100) and the priority that ranks the inbox (SPEC §5: probability
 * plus bonuses, capped at 150), then the Now score that orders the Now queue (SPEC §11: priority
 * plus what makes now the moment). Creators trust a ranking they can check.
 */
export function WhyThisScore({ id, profile }: { id: string; profile: SupporterProfile }) {
  return (
    <section id={id} className="why-score" aria-label="Why this score">
      <h2>Conversion probability: {profile.conversionProbability}%</h2>
      <ProbabilityTable breakdown={profile.whyThisScore} probability={profile.conversionProbability} />
      <h2>Priority: {profile.priorityScore}</h2>
      <PriorityTable profile={profile} />
      <h2>Now score: {profile.nowQueue.nowScore}</h2>
      <NowScoreTable profile={profile} />
    </section>
  );
}

function PriorityTable({ profile }: { profile: SupporterProfile }) {
  const explained = explainPriorityScore(profile);
  return (
    <>
      <table className="data-table" data-testid="priority-breakdown">
        <caption className="sr-only">How the priority score is calculated</caption>
        <TermsHead />
        <tbody>
          {explained.terms.map((term, index) => (
            <tr key={term.label}>
              <th scope="row">{term.label}</th>
              <td>{index === 0 ? `${profile.conversionProbability}%` : term.applies ? 'Yes' : 'No'}</td>
              <td className="number">{index === 0 ? term.points : `+${term.points}`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Priority</th>
            <td className="muted">{explained.capped ? `capped at ${PRIORITY_CAP} from ${explained.rawTotal}` : `out of at most ${PRIORITY_CAP}`}</td>
            <td className="number">{explained.score}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted">The inbox ranks supporters by this priority: who is worth your attention now, not only who could convert.</p>
    </>
  );
}

/** SPEC §11's terms as the core computed them at this moment, and whether the supporter is in the queue. */
function NowScoreTable({ profile }: { profile: SupporterProfile }) {
  const explained = profile.nowQueue;
  return (
    <>
      <table className="data-table" data-testid="now-score-breakdown">
        <caption className="sr-only">How the Now score is calculated</caption>
        <TermsHead />
        <tbody>
          {explained.terms.map((term) => (
            <tr key={term.kind}>
              <th scope="row">{term.label}</th>
              <td>{term.kind === 'priority' ? 'Always' : term.applies ? 'Yes' : 'No'}</td>
              <td className="number">{term.kind === 'priority' || term.points < 0 ? term.points : `+${term.points}`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Now score</th>
            <td className="muted">{explained.reasons.length > 0 ? explained.reasons.join(' · ') : ''}</td>
            <td className="number">{explained.nowScore}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted" data-testid="now-queue-membership">
        {explained.inQueue ? 'The Now queue lists supporters by this score, highest first: who to talk to right now.' : explained.notInQueueBecause}
      </p>
    </>
  );
}

function ProbabilityTable({ breakdown, probability }: { breakdown: ScoreBreakdown; probability: number }) {
  return (
    <>
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
    </>
  );
}

/** The column heads both score tables share: each row is a term, whether it applies, its points. */
function TermsHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Term</th>
        <th scope="col">Applies</th>
        <th scope="col" className="number">
          Points
        </th>
      </tr>
    </thead>
  );
}
