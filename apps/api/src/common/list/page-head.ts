/**
 * A page statement with a head: a one-row part (`SELECT <head>`) the page is joined to by
 * `LEFT JOIN LATERAL (page) … ON true`, so the statement answers at least one row — the head's
 * columns with every page column NULL when the page is empty — and whatever the head reads (the
 * caller's credential fingerprint, a list's exact total or summary) comes back in the same round
 * trip whether the page has rows or not. The page keeps its order: joined to one row without a join
 * condition, it is read by a nested loop, its rows in the order its own ORDER BY made them.
 */
export function withHead(page: string, head: readonly string[]): string {
  return `SELECT lx_page.*, lx_head.* FROM (SELECT ${head.join(', ')}) lx_head LEFT JOIN LATERAL (${page}) lx_page ON true`;
}

/**
 * The page's own rows of a statement made by `withHead`: the head's lone row of an empty page
 * dropped — the row whose `marker` (a column every page row has non-NULL: the tie-break key) is NULL.
 */
export function pageRows<Row extends Record<string, unknown>>(rows: Row[], marker: string): Row[] {
  return rows.length === 1 && (rows[0][marker] === null || rows[0][marker] === undefined) ? [] : rows;
}
