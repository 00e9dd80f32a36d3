import { FieldError, PROJECT_KIND_LABELS, ProjectKind } from '@jixiao/contracts';
import { compareMoney, normalizeMoney, sumMoney } from '@jixiao/domain';
import { fieldError } from '../../common/errors/app-error';

export interface FundSourceValue {
  source: string;
  amount: string;
}

/** The values of a project that the cross-field rules look at. */
export interface ProjectRuleValues {
  budgetAmount: string;
  fundSources: FundSourceValue[];
  startYear: number | null;
  endYear: number | null;
}

/**
 * Rules across fields, shared by the JSON API and the Excel import: each fund source at most once,
 * fund sources summing to at most the budget, the start year not after the end year.
 * `field` names the field for the answer (JSON path or an Excel cell).
 */
export function projectRuleIssues(values: ProjectRuleValues, field: (name: 'fundSources' | 'endYear') => string = (n) => n): FieldError[] {
  const issues: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of values.fundSources) {
    if (seen.has(f.source)) {
      issues.push(
        fieldError(field('fundSources'), 'fundSourceDuplicate', `资金来源 ${f.source} 重复`, `Fund source ${f.source} is listed twice`),
      );
    }
    seen.add(f.source);
  }
  if (values.fundSources.length && compareMoney(sumMoney(values.fundSources.map((f) => f.amount)), values.budgetAmount) > 0) {
    issues.push(
      fieldError(
        field('fundSources'),
        'fundSourcesExceedBudget',
        '资金来源合计超过预算金额',
        'The fund sources add up to more than the budget',
      ),
    );
  }
  if (values.startYear !== null && values.endYear !== null && values.startYear > values.endYear) {
    issues.push(fieldError(field('endYear'), 'endBeforeStart', '结束年度早于开始年度', 'The end year is before the start year'));
  }
  return issues;
}

export function normalizeFundSources(list: readonly FundSourceValue[]): FundSourceValue[] {
  return list.map((f) => ({ source: f.source, amount: normalizeMoney(f.amount) })).sort((a, b) => a.source.localeCompare(b.source));
}

export function kindLabel(kind: ProjectKind): string {
  return PROJECT_KIND_LABELS[kind].zh;
}
