/** One side's measurement of a read: throughput and latency over its rounds. */
export interface Round {
  reqPerSec: number;
  p50: number;
  p99: number;
}

export interface BenchRow {
  route: string;
  user: string;
  ours: Round[];
  bare: Round[];
  /** Ours with one connection, sequential requests: p50 and p99 in ms (null when not measured). */
  oneConnection: { p50: number; p99: number } | null;
  note?: string;
}

/** The p50 and p99 of sequential request times (ms): the nearest-rank percentiles. */
export function percentiles(times: readonly number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: rank(50), p99: rank(99) };
}

/** The mean of the rounds (A/B/A/B gives two of each side). */
export function combine(rounds: Round[]): Round {
  if (!rounds.length) return { reqPerSec: NaN, p50: NaN, p99: NaN };
  const mean = (f: (r: Round) => number) => rounds.reduce((sum, r) => sum + f(r), 0) / rounds.length;
  return { reqPerSec: mean((r) => r.reqPerSec), p50: mean((r) => r.p50), p99: mean((r) => r.p99) };
}

/** `a / b` to two places; '-' when either is missing or b is zero. */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '-';
  return (a / b).toFixed(2);
}

/** Requests a second: one decimal below 100, whole above. */
export function formatRate(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return n < 100 ? n.toFixed(1) : n.toFixed(0);
}

/** Milliseconds: "12 ms", "2.3 s" from 1,000 ms. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`;
}

/** The column heads; `a` and `b` name the two sides (ours and the bare server unless said). */
export function tableHead(a = 'ours', b = 'bare'): string[] {
  return [
    'route',
    'user',
    `${a} req/s`,
    'p50',
    'p99',
    `${b} req/s`,
    'p50',
    'p99',
    `throughput ${a}/${b}`,
    `p99 ${a}/${b}`,
    `1-conn p50 ${a}`,
    `1-conn p99 ${a}`,
  ];
}

/** The cells of one row, in the order of tableHead(). */
export function rowCells(row: BenchRow): string[] {
  const ours = combine(row.ours);
  const bare = combine(row.bare);
  return [
    row.route,
    row.user,
    formatRate(ours.reqPerSec),
    formatMs(ours.p50),
    formatMs(ours.p99),
    formatRate(bare.reqPerSec),
    formatMs(bare.p50),
    formatMs(bare.p99),
    ratio(ours.reqPerSec, bare.reqPerSec),
    ratio(ours.p99, bare.p99),
    formatMs(row.oneConnection?.p50 ?? null),
    formatMs(row.oneConnection?.p99 ?? null),
  ];
}

/** The one table `pnpm bench:api` prints, as Markdown (pastes into the README as is), notes below it. */
export function markdownTable(rows: BenchRow[], head: string[] = tableHead()): string {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  const notes: string[] = [];
  for (const row of rows) {
    const cells = rowCells(row);
    if (row.note && !notes.includes(`${row.route}: ${row.note}`)) notes.push(`${row.route}: ${row.note}`);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (notes.length) lines.push('', 'Notes:', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
