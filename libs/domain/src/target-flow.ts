/**
 * The path of a performance target (R7, R8, N5): who reviews it first, when it is in
 * consultation, and how far an indicator's weight may go. Pure rules; the API and the SPA use them.
 */
import type { FieldError } from '@jixiao/contracts';
import { fieldIssue } from './field-issue';
import type { PolicyProfileValues } from './policy-profile';

/** N5 良: the states of "finalised after consultation" — the department revising, then the bureau confirming. */
export const TARGET_CONSULTATION_STATUSES = ['in_consultation', 'consultation_submitted'] as const;

/** N5: is a target in consultation (graded 良, not yet confirmed by the bureau)? */
export function targetInConsultation(status: string): boolean {
  return (TARGET_CONSULTATION_STATUSES as readonly string[]).includes(status);
}

export interface TargetOwner {
  /** Kind of the organization that owns the target (department, unit, town …). */
  kind: string;
  /** Kind of that organization's parent, if it has one. */
  parentKind: string | null;
}

/**
 * 谁批预算谁批目标: a unit's target goes to its department (or town) for pre-review before it reaches
 * the bureau; targets of departments and towns themselves go straight to the bureau.
 */
export function needsDepartmentPreReview(owner: TargetOwner): boolean {
  return owner.kind === 'unit' && (owner.parentKind === 'department' || owner.parentKind === 'town');
}

/**
 * The pre-reviewer of a unit's target is the unit's own department (or town): the caller's
 * organization must be the parent of the target's organization. A unit never pre-reviews its own.
 */
export function isPreReviewerOf(callerOrganizationId: string | null, owner: { id: string; parentId: string | null }): boolean {
  return !!callerOrganizationId && callerOrganizationId !== owner.id && callerOrganizationId === owner.parentId;
}

/** The largest weight (分值) one indicator may carry: the year's total score (N1). */
export function indicatorWeightCap(profile: PolicyProfileValues): number {
  return profile.evaluation.totalScore;
}

/**
 * Field errors for weights above the cap (`indicatorWeightCap` of the year's profile), at
 * `indicators.<n>.weight`. Used by the API before writing and by the SPA before saving.
 */
export function indicatorWeightIssues(indicators: readonly { weight?: number | null }[], cap: number, path = 'indicators'): FieldError[] {
  return indicators.flatMap((indicator, index) =>
    typeof indicator.weight === 'number' && indicator.weight > cap
      ? [
          fieldIssue(
            `${path}.${index}.weight`,
            'weightAboveTotalScore',
            `指标分值不能超过总分 ${cap}`,
            `an indicator's weight must not exceed the total score ${cap}`,
          ),
        ]
      : [],
  );
}
