/**
 * How long a pooled PostgreSQL connection may stay idle before the pool closes it: 10 minutes
 * (pg-pool's default is 10 s). Its backend's catalog caches and the statements planned on it
 * (named-statement.ts) outlive a quiet spell, so the burst after one does not open, warm and replan
 * up to the pool's size of connections at once. Used by the API's pool (data-source-options.ts)
 * and the bare server of `pnpm bench:api`, so neither side reopens between rounds.
 */
export const POOL_IDLE_MS = 10 * 60_000;
