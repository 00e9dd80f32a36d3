import type { ClientBase } from 'pg';

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
 * pg-pool's `onConnect` hook for a pool on a PostgreSQL server: a new connection runs
 * BACKEND_MEMORY_PRIMER before the pool hands it out (a failure ends it, and the statement it was
 * opened for fails with the cause). Set for the API's pools (data-source-options.ts; the searches'
 * pool inherits it) and the bare server of `pnpm bench:api`, so both sides run on backends alike.
 */
export async function primeBackend(client: ClientBase): Promise<void> {
  await client.query(BACKEND_MEMORY_PRIMER);
}
