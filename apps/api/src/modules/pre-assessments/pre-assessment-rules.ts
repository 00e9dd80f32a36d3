/** Pure checks of a pre-assessment against the year's N6 dimensions (libs/domain scoring does the arithmetic). */
import { checkScoreParts, FieldError, prefixIssues, sumScoreParts, type WeightedItem } from '@jixiao/domain';

export const OPINION_MAX_LENGTH = 2000;

/**
 * Scores given so far (a draft may be partial): each known dimension within 0..weight with at
 * most two decimals, no unknown codes. Field errors are `scores.<code>`.
 */
export function checkPartialScores(scores: Readonly<Record<string, unknown>>, dimensions: readonly WeightedItem[]): FieldError[] {
  const given = dimensions.filter((d) => Object.prototype.hasOwnProperty.call(scores, d.code));
  return prefixIssues('scores', checkScoreParts(scores as Record<string, number>, given));
}

/** Opinions: known dimension codes only, text of bounded length. Field errors are `opinions.<code>`. */
export function checkOpinions(opinions: Readonly<Record<string, unknown>>, dimensions: readonly WeightedItem[]): FieldError[] {
  const known = new Set(dimensions.map((d) => d.code));
  const issues: FieldError[] = [];
  for (const [code, text] of Object.entries(opinions)) {
    const field = `opinions.${code}`;
    if (!known.has(code)) issues.push({ field, code: 'UNKNOWN_ITEM', message: `未知的评估维度 ${code}`, messageEn: `unknown dimension ${code}` });
    else if (typeof text !== 'string') issues.push({ field, code: 'NOT_A_STRING', message: '评估意见须为文字', messageEn: 'an opinion must be text' });
    else if (text.length > OPINION_MAX_LENGTH) {
      issues.push({ field, code: 'TOO_LONG', message: `评估意见不超过 ${OPINION_MAX_LENGTH} 字`, messageEn: `an opinion has at most ${OPINION_MAX_LENGTH} characters` });
    }
  }
  return issues;
}

/** The total of the scores given so far as a two-decimal string, or null when none is given. */
export function partialTotal(scores: Readonly<Record<string, number>>, dimensions: readonly WeightedItem[]): string | null {
  const given = dimensions.filter((d) => Object.prototype.hasOwnProperty.call(scores, d.code));
  if (!given.length) return null;
  return sumScoreParts(scores, given).toFixed(2);
}

/** What a submission lacks: every dimension scored, a conclusion, a report, and the agency when commissioned. */
export function submissionIssues(
  pa: { scores: Record<string, number>; conclusion: string | null; reportFileId: string | null; performedBy: string; agencyOrganizationId: string | null },
  dimensions: readonly WeightedItem[],
): FieldError[] {
  const issues = prefixIssues('scores', checkScoreParts(pa.scores, dimensions));
  if (!pa.conclusion) issues.push({ field: 'conclusion', code: 'REQUIRED', message: '请选择评估结论', messageEn: 'the conclusion is required' });
  if (!pa.reportFileId) issues.push({ field: 'report', code: 'REQUIRED', message: '请上传评估报告', messageEn: 'the report is required' });
  if (pa.performedBy === 'agency' && !pa.agencyOrganizationId) {
    issues.push({ field: 'agencyOrganizationId', code: 'REQUIRED', message: '请选择受托第三方机构', messageEn: 'the commissioned agency is required' });
  }
  return issues;
}
