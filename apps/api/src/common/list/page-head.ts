/**
 * A page statement with a head: a one-row part (`SELECT <head>`) read with the page in the same
 * round trip, so the statement answers at least one row — the head's columns with every page column
 * NULL when the page is empty — and whatever the head reads (the caller's credential fingerprint, a
 * list's exact total or summary) comes back whether the page has rows or not. The head's entries
 * should be uncorrelated subqueries or constants: each is then run once (an InitPlan). The page
 * keeps its order: read by nested loops from one row, each join without a condition of its own, its
 * rows come in the order its own ORDER BY made them.
 *
 * `firstRowOnly`: only the page's first row carries the head's values (the others NULL there), so a
 * summary of some KB is sent and decoded once, not once a row — at the price of numbering the rows
 * (a window over the page) and a join condition, ~0.1 ms more planning: for a head larger than the
 * credential's fingerprint.
 */
export function withHead(page: string, head: readonly string[], firstRowOnly = false): string {
  if (!firstRowOnly) {
    return `SELECT lx_page.*, lx_head.* FROM (SELECT ${head.join(', ')}) lx_head LEFT JOIN LATERAL (${page}) lx_page ON true`;
  }
  return `SELECT lx_page.*, lx_head.* FROM (SELECT 1) lx_one
    LEFT JOIN LATERAL (SELECT lx_rows.*, row_number() OVER () AS lx_n FROM (${page}) lx_rows) lx_page ON true
    LEFT JOIN LATERAL (SELECT ${head.join(', ')} WHERE coalesce(lx_page.lx_n, 1) = 1) lx_head ON true`;
}

/**
 * The page's own rows of a statement made by `withHead`: the head's lone row of an empty page
 * dropped — the row whose `marker` (a column every page row has non-NULL: the tie-break key) is NULL.
 */
export function pageRows<Row extends Record<string, unknown>>(rows: Row[], marker: string): Row[] {
  return rows.length === 1 && (rows[0][marker] === null || rows[0][marker] === undefined) ? [] : rows;
}
