/** The database `pnpm bench:data` generates and `pnpm bench:api` measures, unless `--database` names another. */
export const DEFAULT_BENCH_DATABASE = 'jixiao_bench_city';

/** The URL of database `name` on the server of `adminUrl`. */
export function benchDatabaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
