import {
  COMPARISON_LABELS,
  FUND_SOURCE_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  PROJECT_KIND_LABELS,
  type Comparison,
  type FundSource,
  type IndicatorLevel1,
  type IndicatorLevel2,
  type ProjectKind,
} from '@jixiao/contracts';
import { pickLabel } from '@/locales';
import { formatAmount, indicatorValueText } from '@/utils/amount';
import type { Project } from '@/api/projects';
import type { TargetDetail } from '@/api/targets';

/** One row of the indicator table: level 1 and level 2 cells span the rows of their group (rowspan 0 = covered). */
export interface PrintIndicatorRow {
  level1: string;
  level1Span: number;
  level2: string;
  level2Span: number;
  name: string;
  value: string;
}

/** The 绩效目标申报表 as printed: every text already in the UI language, amounts in 万元. */
export interface PrintForm {
  year: number;
  projectName: string;
  projectCode: string;
  projectKind: string;
  organizationName: string;
  /** The year's total, in 万元 without the unit (the form's header says 金额单位：万元). */
  totalAmount: string;
  fundSources: { label: string; amount: string }[];
  period: string;
  overallGoal: string;
  annualGoals: string[];
  indicators: PrintIndicatorRow[];
}

const wan = (amount: string) => formatAmount(amount, { unit: 'wan', withUnit: false });

/** '≥ 120 场', '≤ 1,260.00 万元', or the qualitative standard as written. */
export function indicatorValue(i: { comparison: string; value: string | null; unit: string | null }): string {
  if (i.comparison === 'qualitative') return i.value ?? '';
  const sign = pickLabel(COMPARISON_LABELS[i.comparison as Comparison]) || i.comparison;
  return [sign, indicatorValueText(i.value, i.unit), i.unit ?? ''].filter(Boolean).join(' ');
}

/**
 * The indicator rows in the form's order (level 1 output → effect → satisfaction → cost, as
 * entered within a level), with the rowspans of the level 1 and level 2 cells.
 */
export function indicatorRows(indicators: TargetDetail['indicators']): PrintIndicatorRow[] {
  const order = Object.keys(INDICATOR_LEVEL1_LABELS);
  const sorted = indicators
    .map((i, index) => ({ i, index }))
    .sort((a, b) => order.indexOf(a.i.level1) - order.indexOf(b.i.level1) || a.index - b.index)
    .map(({ i }) => i);
  // Within a level 1, keep each level 2 together, in the order it first appears.
  const grouped: typeof sorted = [];
  for (const level1 of order) {
    const ofLevel1 = sorted.filter((i) => i.level1 === level1);
    const level2s = [...new Set(ofLevel1.map((i) => i.level2))];
    for (const level2 of level2s) grouped.push(...ofLevel1.filter((i) => i.level2 === level2));
  }
  return grouped.map((i, index) => {
    const first1 = index === 0 || grouped[index - 1].level1 !== i.level1;
    const first2 = first1 || grouped[index - 1].level2 !== i.level2;
    const span = (same: (x: (typeof grouped)[number]) => boolean) => {
      let n = 0;
      for (let k = index; k < grouped.length && same(grouped[k]); k++) n++;
      return n;
    };
    return {
      level1: pickLabel(INDICATOR_LEVEL1_LABELS[i.level1 as IndicatorLevel1]) || i.level1,
      level1Span: first1 ? span((x) => x.level1 === i.level1) : 0,
      level2: pickLabel(INDICATOR_LEVEL2_LABELS[i.level2 as IndicatorLevel2]) || i.level2,
      level2Span: first2 ? span((x) => x.level1 === i.level1 && x.level2 === i.level2) : 0,
      name: i.name,
      value: indicatorValue(i),
    };
  });
}

export function printForm(target: TargetDetail, project: Project | null, periodLabel: (start: number, end: number) => string): PrintForm {
  const start = project?.startYear ?? target.year;
  const end = project?.endYear ?? start;
  return {
    year: target.year,
    projectName: target.projectName,
    projectCode: target.projectCode,
    projectKind: pickLabel(PROJECT_KIND_LABELS[target.projectKind as ProjectKind]) || target.projectKind,
    organizationName: target.organizationName,
    totalAmount: wan(target.budgetAmount),
    fundSources: (project?.fundSources ?? []).map((f) => ({
      label: pickLabel(FUND_SOURCE_LABELS[f.source as FundSource]) || f.source,
      amount: wan(f.amount),
    })),
    period: periodLabel(start, end),
    overallGoal: target.overallGoal,
    annualGoals: target.annualGoals,
    indicators: indicatorRows(target.indicators),
  };
}
