import type { Pool, PoolClient } from 'pg';

/**
 * The statement a PostgreSQL backend runs before a connection's first statement: it allocates and
 * frees one 2 MB value. A backend's memory comes from the C library's `malloc`; glibc serves a block
 * above its mapping threshold (128 kB at first) by mapping fresh pages from the kernel and unmaps them
 * when the block is freed — so a backend planning a large statement (a list page with its JSON, its
 * joins and its search) faulted in ~150 fresh pages at every run. glibc raises that threshold to the
 * size of a mapped block once one is freed, which happened to some backends and not to others: at
 * 32 connections on the city year six of the ten search connections faulted ~30,000 times in 5 s and
 * used ~50 % more CPU than the other four (`/proc/<pid>/stat`, the department's `trackings ?q=建设`).
 * After this statement every backend keeps blocks up to 2 MB in its heap (and up to twice that freed
 * before returning it to the kernel): on one connection the statement took 2.8 ms instead of 5.2 with
 * no page faults instead of 174 a run (unnamed, `-c plan_cache_mode=force_custom_plan`). Harmless on
 * other allocators; not run on the embedded PGlite (its memory is its WebAssembly heap).
 */
export const BACKEND_MEMORY_PRIMER = `SELECT length(repeat('x', ${2 * 1024 * 1024})) AS jx_primed`;

/**
 * Makes every connection of `pool` run BACKEND_MEMORY_PRIMER once, when it is first taken from the
 * pool — queued on it before the statement it was taken for. Used for the API's pools on a
 * PostgreSQL server (named-statement.ts) and the bare server of `pnpm bench:api`, so both sides of
 * the benchmark run on backends alike.
 */
export function primingBackends(pool: Pool): void {
  if (primedPools.has(pool)) return;
  primedPools.add(pool);
  const primed = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (primed.has(client)) return;
    primed.add(client);
    // its failure is the connection's: the statement it was taken for fails and says why
    client.query(BACKEND_MEMORY_PRIMER).catch(() => undefined);
  });
}

const primedPools = new WeakSet<Pool>();
