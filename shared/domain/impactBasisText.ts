import { CRM_ACTION_PLURALS, type CrmActionType, type ImpactBasis } from './crmActions';

/**
 * Where an estimate comes from, in the creator's words (SPEC §12): "based on your last 37 live
 * invites" once the creator's own closed actions of the type count, else "estimate from this
 * supporter's activity" (a type not known to the caller reads "closed actions of this type"). The CLI and every screen that shows an expected impact say it the same way.
 */
export function impactBasisText(type: CrmActionType | null, impact: { basis: ImpactBasis; sampleSize: number }): string {
  return impact.basis === 'your_results'
    ? `based on your last ${impact.sampleSize} ${type === null ? 'closed actions of this type' : CRM_ACTION_PLURALS[type]}`
    : 'estimate from this supporter’s activity';
}
