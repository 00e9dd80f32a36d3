/** Escapes `%`, `_` and `\` so a user's search text matches literally inside `ILIKE '%…%'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
