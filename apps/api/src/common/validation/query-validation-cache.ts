import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { IdParam } from '../http/id-param';

/** How many distinct query strings are remembered per query DTO class (then the oldest is forgotten). */
export const MAX_CACHED_QUERIES = 500;

/**
 * The validation pipe, remembering the DTO a query string validated into: a list read again with
 * the same query (a clerk paging back and forth, a dashboard polled, a system syncing) skips
 * class-transformer and class-validator — ~8 % of a department's gate-list request's CPU in a
 * profile of the built API on the city year. The transformation and every rule of a query DTO are
 * pure functions of the query string (no clock, no database), so the same string gives the same
 * DTO; each request gets its own copy (arrays copied too), so no request sees another's changes.
 * Only what validated is remembered: a refused query is checked (and refused) every time. Bodies,
 * params (but a path's well-formed id) and custom arguments go through the pipe as they are.
 */
export class QueryValidationPipe extends ValidationPipe {
  private readonly validated = new WeakMap<object, Map<string, object>>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    // a path's row id (`IdParam`, every detail and write of a row): the one rule it has, IsUUID's own test, without
    // class-transformer and class-validator around it (~6 % of a detail read's CPU on the city year); anything else —
    // a value that fails it, another key — goes through the pipe, which refuses it as it always has
    if (metadata.type === 'param' && type === IdParam && isIdOnly(value) && isUUID(value.id)) return Object.assign(new IdParam(), value);
    if (metadata.type !== 'query' || typeof type !== 'function' || !isPlainQuery(value)) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    let known = this.validated.get(type);
    const hit = known?.get(key);
    if (hit) return copyOf(hit);
    const result = await super.transform(value, metadata);
    if (result === null || typeof result !== 'object') return result;
    if (!known) this.validated.set(type, (known = new Map()));
    if (known.size >= MAX_CACHED_QUERIES) known.delete(known.keys().next().value!);
    known.set(key, copyOf(result));
    return result;
  }
}

/** A path's parameters holding the id alone, as a string. */
function isIdOnly(value: unknown): value is { id: string } {
  if (value === null || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id' && typeof (value as { id: unknown }).id === 'string';
}

/** A query string as fastify parses it: string values, or arrays of strings. */
function isPlainQuery(value: unknown): value is Record<string, string | string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((e) => typeof e === 'string')));
}

/** A copy of a validated DTO: the same class, its own arrays. */
function copyOf<T extends object>(dto: T): T {
  const copy = Object.create(Object.getPrototypeOf(dto) as object) as Record<string, unknown>;
  for (const [name, v] of Object.entries(dto)) copy[name] = Array.isArray(v) ? [...(v as unknown[])] : v;
  return copy as T;
}
