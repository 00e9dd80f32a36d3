import type { LocationQuery } from 'vue-router';

/**
 * List filters from the page's query string (`?status=submitted&year=2022`), so a link — from the
 * workbench, a bookmark, another page — opens the list already filtered. Only keys the page has
 * as filters are read; `numeric` keys are read as integers (a malformed one is ignored).
 */
export function filtersFromQuery<F extends Record<string, unknown>>(
  defaults: F,
  query: LocationQuery,
  numeric: readonly (keyof F)[] = [],
): F {
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' || value === '') continue;
    if (numeric.includes(key)) {
      if (/^\d{1,9}$/.test(value)) (out as Record<string, unknown>)[key] = Number(value);
    } else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
