import { randomUUID } from 'node:crypto';

/**
 * Reading the API's own OpenAPI document (GET /api/docs-json) for generated tests: the
 * operations with their `x-scope` / `x-permission`, their parameters and request schemas, and a
 * small generic synthesizer that turns a schema into a body that is as valid as the document
 * lets us make it (examples, enums, formats, bounds).
 */

export type Json = any;
export type OpenApiDoc = Json;

export interface XScope {
  kind: 'public' | 'self' | 'global' | 'list' | 'create' | 'owner' | 'bulk' | 'registry';
  entity?: string;
  column?: string;
  param?: string;
  field?: string;
  assignee?: { column: string; match: 'organization' | 'user' };
}

export interface Operation {
  /** e.g. `PATCH /api/v1/users/{id}` */
  key: string;
  method: string;
  path: string;
  operationId: string;
  op: Json;
  scope: XScope | undefined;
  permission: string | undefined;
  pathParams: Json[];
  queryParams: Json[];
  /** The resolved JSON request body schema, if the operation takes a JSON body. */
  requestSchema: Json | undefined;
  isWrite: boolean;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

export function resolveRef(doc: OpenApiDoc, schema: Json): Json {
  let s = schema;
  const seen = new Set<string>();
  while (s && typeof s === 'object' && typeof s.$ref === 'string') {
    if (seen.has(s.$ref)) throw new Error(`cyclic $ref ${s.$ref}`);
    seen.add(s.$ref);
    const path = s.$ref.replace(/^#\//, '').split('/');
    s = path.reduce((node: Json, part: string) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (s === undefined) throw new Error(`unresolvable $ref ${[...seen].pop()}`);
  }
  return s;
}

/** A `$ref` resolved, with the keys written beside it (e.g. an `example`) kept on top. */
export function withSiblings(doc: OpenApiDoc, schema: Json): Json {
  if (!schema || typeof schema !== 'object' || typeof schema.$ref !== 'string') return resolveRef(doc, schema);
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolveRef(doc, schema), ...siblings };
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => resolveRef(doc, p));
      const content = op.requestBody ? (resolveRef(doc, op.requestBody).content ?? {}) : {};
      // The JSON body (an upload route may take multipart/form-data as well, or only).
      const media = content['application/json'];
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        op,
        scope: op['x-scope'],
        permission: op['x-permission'],
        pathParams: params.filter((p: Json) => p.in === 'path'),
        queryParams: params.filter((p: Json) => p.in === 'query'),
        requestSchema: media?.schema ? resolveRef(doc, media.schema) : undefined,
        isWrite: !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()),
      });
    }
  }
  return out;
}

/** A list route under the list contract: it answers `{ items, total }`. */
export function isListOperation(doc: OpenApiDoc, op: Operation): boolean {
  if (op.method !== 'GET') return false;
  const ok = op.op.responses?.['200'];
  const schema = ok ? resolveRef(doc, ok).content?.['application/json']?.schema : undefined;
  const resolved = schema ? resolveRef(doc, schema) : undefined;
  return Boolean(resolved?.properties?.items && resolved?.properties?.total);
}

export interface SynthOptions {
  /** Only required properties (the smallest valid body), else every declared property. */
  requiredOnly?: boolean;
  /** A value for a property by name, used before anything the schema says. */
  override?: (name: string, schema: Json) => unknown;
  /** A suffix made part of free-text examples where the schema allows, so repeated creates do not collide. */
  unique?: string;
}

/** A value of `schema`, as valid as the document lets us make it. */
export function synthesize(doc: OpenApiDoc, schema: Json, options: SynthOptions = {}, name = ''): unknown {
  const s = withSiblings(doc, schema ?? {});
  if (name && options.override) {
    const v = options.override(name, s);
    if (v !== undefined) return v;
  }
  if (s.example !== undefined && !(s.format === 'date-time')) {
    if (options.unique && typeof s.example === 'string' && !s.format && !enumOf(doc, s).length)
      return uniqueString(s, s.example, options.unique);
    return structuredClone(s.example);
  }
  if (s.allOf) {
    const merged: Json = { type: 'object', properties: {}, required: [] };
    for (const part of s.allOf) {
      const r = resolveRef(doc, part);
      Object.assign(merged.properties, r.properties ?? {});
      merged.required.push(...(r.required ?? []));
      if (r.example !== undefined) merged.example = r.example;
      if (r.enum) return synthesize(doc, r, options, name);
    }
    return synthesize(doc, merged, options, name);
  }
  if (s.oneOf || s.anyOf) return synthesize(doc, (s.oneOf ?? s.anyOf)[0], options, name);
  if (s.enum?.length) return s.enum.find((v: unknown) => v !== null) ?? s.enum[0];
  if (s.default !== undefined) return structuredClone(s.default);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required: string[] = s.required ?? [];
      for (const [prop, propSchema] of Object.entries<Json>(s.properties ?? {})) {
        if (options.requiredOnly && !required.includes(prop)) continue;
        out[prop] = synthesize(doc, propSchema, options, prop);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(1, s.minItems ?? 1);
      const items: unknown[] = [];
      for (let i = 0; i < count; i++) items.push(synthesize(doc, s.items ?? { type: 'string' }, options, name));
      return items;
    }
    case 'integer':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'boolean':
      return true;
    case 'string':
    default:
      return synthString(s);
  }
}

function uniqueString(s: Json, example: string, suffix: string): string {
  const candidate = `${example}-${suffix}`;
  if (s.maxLength !== undefined && candidate.length > s.maxLength) return example;
  if (s.pattern && !new RegExp(s.pattern).test(candidate)) return example;
  return candidate;
}

function synthString(s: Json): string {
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date-time':
      return new Date(Date.now() + 24 * 3600_000).toISOString();
    case 'date':
      return '2022-08-31';
    case 'email':
      return 'test@example.com';
    case 'uri':
      return 'https://example.com/';
  }
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? 64;
  let value = 'ab1';
  while (value.length < min) value += 'x';
  return value.slice(0, Math.max(min, Math.min(max, value.length)));
}

/** A value of a different JSON type than the schema declares (for wrong-type tests). */
export function wrongTypeFor(doc: OpenApiDoc, schema: Json): unknown {
  const s = withSiblings(doc, schema ?? {});
  const values = enumOf(doc, s);
  if (values.length) return typeof values[0] === 'number' ? 'not-a-number' : 12345;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type ?? (s.properties || s.allOf ? 'object' : s.enum ? 'string' : undefined)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      return { unexpected: ['structure'] };
  }
}

/** The properties of an object schema (allOf merged), each resolved. */
export function propertiesOf(doc: OpenApiDoc, schema: Json): Record<string, Json> {
  const s = resolveRef(doc, schema ?? {});
  const out: Record<string, Json> = {};
  for (const part of s.allOf ?? [s]) {
    const r = resolveRef(doc, part);
    for (const [k, v] of Object.entries<Json>(r.properties ?? {})) out[k] = withSiblings(doc, v);
  }
  return out;
}

/** A valid value for a path or query parameter that is not an owner id: its example, else a sensible default. */
export function exampleParam(doc: OpenApiDoc, param: Json): string {
  if (param.example !== undefined) return String(param.example);
  const s = resolveRef(doc, param.schema ?? {});
  if (s.example !== undefined) return String(s.example);
  if (s.enum?.length) return String(s.enum[0]);
  if (s.format === 'uuid') return randomUUID();
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? 1);
  if (s.type === 'boolean') return 'true';
  return 'x';
}

/** The path with each `{param}` replaced from `values`, else from the parameter's example. */
export function fillPath(doc: OpenApiDoc, op: Operation, values: Record<string, string> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const given = values[name];
    if (given !== undefined) return encodeURIComponent(given);
    const param = op.pathParams.find((p) => p.name === name) ?? { name };
    return encodeURIComponent(exampleParam(doc, param));
  });
}

/** Every value found under any key accepted by `keyMatches`, anywhere in `value`. */
export function collectByKey(value: unknown, keyMatches: (key: string) => boolean, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) collectByKey(v, keyMatches, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keyMatches(k)) out.push(v);
      collectByKey(v, keyMatches, out);
    }
  }
  return out;
}

/** Whether `needle` occurs as a string value anywhere in `value`. */
export function containsValue(value: unknown, needle: string): boolean {
  if (value === needle) return true;
  if (Array.isArray(value)) return value.some((v) => containsValue(v, needle));
  if (value && typeof value === 'object') return Object.values(value).some((v) => containsValue(v, needle));
  return false;
}

/** The enumerated values a schema allows (through $ref and allOf), or none. */
export function enumOf(doc: OpenApiDoc, schema: Json): unknown[] {
  const s = withSiblings(doc, schema ?? {});
  if (s.enum) return s.enum;
  for (const part of s.allOf ?? []) {
    const values = enumOf(doc, part);
    if (values.length) return values;
  }
  return [];
}
