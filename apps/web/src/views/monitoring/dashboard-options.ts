import type { MonitoringDashboard } from '@/api/trackings';
import type { ChartOption } from './modules/echarts';

/** The dashboard's figures as ECharts options (plain data; labels passed in, in the UI language). */
export interface DashboardTexts {
  execution: string;
  timeProgress: string;
  open: string;
  overdue: string;
  answeredLate: string;
  total: string;
  tracked: string;
  pending: string;
  roundOverdue: string;
  warningLabel: (code: string) => string;
  fundSourceLabel: (source: string) => string;
  amount: (value: string) => string;
}

/** Percent text ('24.99') as a number for drawing only; the figures shown stay the API's text. */
const num = (v: string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

export function executionOption(d: MonitoringDashboard, x: DashboardTexts): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)}%` },
    grid: { left: 48, right: 24, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: d.items.map((o) => o.organizationName),
      axisLabel: { interval: 0, rotate: 30, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        id: 'execution',
        name: x.execution,
        type: 'bar',
        barMaxWidth: 36,
        data: d.items.map((o) => ({
          value: num(o.executionRate),
          itemStyle: { color: num(o.executionRate) < num(d.timeProgress) ? '#e6a23c' : '#409eff' },
        })),
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#f56c6c', type: 'dashed' },
          label: { formatter: `${x.timeProgress} ${d.timeProgress}%`, position: 'insideEndTop' },
          data: [{ yAxis: num(d.timeProgress), name: x.timeProgress }],
        },
      },
    ],
  };
}

export function warningsOption(d: MonitoringDashboard, x: DashboardTexts): ChartOption {
  const series = (id: 'total' | 'open' | 'overdue' | 'answeredLate', name: string) => ({
    id,
    name,
    type: 'bar',
    barMaxWidth: 28,
    data: d.summary.warnings.map((w) => w[id]),
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    // Room for two-line rule names (English) above the legend.
    grid: { left: 40, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: d.summary.warnings.map((w) => x.warningLabel(w.code)),
      axisLabel: { interval: 0, width: 160, overflow: 'break' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [series('total', x.total), series('open', x.open), series('overdue', x.overdue), series('answeredLate', x.answeredLate)],
  };
}

export function roundsOption(d: MonitoringDashboard, x: DashboardTexts): ChartOption {
  const series = (id: 'tracked' | 'pending' | 'overdue', name: string, color: string) => ({
    id,
    name,
    type: 'bar',
    stack: 'round',
    barMaxWidth: 48,
    itemStyle: { color },
    data: d.summary.rounds.map((r) => r[id]),
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: d.summary.rounds.map((r) => r.due) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      series('tracked', x.tracked, '#67c23a'),
      series('pending', x.pending, '#409eff'),
      series('overdue', x.roundOverdue, '#f56c6c'),
    ],
  };
}

export function fundsOption(d: MonitoringDashboard, x: DashboardTexts): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number; percent: number }) => {
        const f = d.summary.fundSources[p.dataIndex];
        return `${x.fundSourceLabel(f.source)}<br/>${x.amount(f.executedAmount)}（${p.percent}%）`;
      },
    },
    legend: { bottom: 0 },
    series: [
      {
        id: 'funds',
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: d.summary.fundSources.map((f) => ({ name: x.fundSourceLabel(f.source), value: num(f.executedAmount) })),
      },
    ],
  };
}
