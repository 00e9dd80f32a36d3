import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@jixiao/contracts';
import type { Principal } from './principal';
import { ProblemDto } from '../errors/problem.dto';
import { settlingCredential } from './credential-check';

/**
 * How a route touches organization-owned data. Every authorized route declares one, and the
 * generated scope test reads it from the OpenAPI document (`x-scope`).
 * - owner: the path parameter names a row of `entity` owned through `column`; checked before the handler.
 * - create: the body's `field` names the owning organization; checked before the handler.
 * - list: the answer lists rows filtered by the caller's scope; `field` holds each item's organization.
 * - self: only the caller's own account or session.
 * - global: district-wide reference data that is not owned by an organization (e.g. the policy profile).
 * - bulk: the body's `field` lists rows of `entity` (owned through `column`); each row gets the `owner`
 *   check of a write when the bulk runner (common/bulk) reaches it, and is answered on its own.
 * - registry: the path parameter names a row of a district-wide register that no department owns (the
 *   third-party agencies): every caller with a scope of its own (all, subtree, own) reads it; a caller
 *   with `assigned` scope only the row assigned to it (`assignee`), else 404; a write needs district-wide
 *   scope (403), or — for an assigned caller — the row to be its own.
 */
/**
 * Who else a row is assigned to, for roles whose scope is `assigned`: an agency sees the
 * evaluations commissioned to its organization, an expert the reviews assigned to them.
 */
export interface Assignee {
  /** Property of the entity holding the assignee's organization or user id. */
  column: string;
  match: 'organization' | 'user';
}

export type RouteScope =
  | { kind: 'owner'; entity: new () => object; column?: string; param?: string; assignee?: Assignee }
  | { kind: 'create'; field?: string }
  | { kind: 'list'; field?: string }
  | { kind: 'bulk'; entity: new () => object; column?: string; field?: string; assignee?: Assignee }
  | { kind: 'registry'; entity: new () => object; param?: string; assignee: Assignee }
  | { kind: 'self' }
  | { kind: 'global' };

export interface AuthorizeMetadata {
  permission: Permission | null;
  scope: RouteScope;
  /** Allowed while the user still has to change the initial password. */
  allowPendingPasswordChange?: boolean;
  /** Allowed while a user whose role requires two-factor authentication has not enrolled yet. */
  allowPendingMfaEnrolment?: boolean;
}

export const AUTHORIZE_KEY = 'jixiao:authorize';
export const PUBLIC_KEY = 'jixiao:public';

function scopeExtension(scope: RouteScope): Record<string, unknown> {
  switch (scope.kind) {
    case 'owner':
      return {
        kind: 'owner',
        entity: scope.entity.name,
        column: scope.column ?? 'organizationId',
        param: scope.param ?? 'id',
        ...(scope.assignee ? { assignee: scope.assignee } : {}),
      };
    case 'create':
      return { kind: 'create', field: scope.field ?? 'organizationId' };
    case 'list':
      return { kind: 'list', field: scope.field ?? 'organizationId' };
    case 'bulk':
      return {
        kind: 'bulk',
        entity: scope.entity.name,
        column: scope.column ?? 'organizationId',
        field: scope.field ?? 'items',
        ...(scope.assignee ? { assignee: scope.assignee } : {}),
      };
    case 'registry':
      return { kind: 'registry', entity: scope.entity.name, param: scope.param ?? 'id', assignee: scope.assignee };
    default:
      return { kind: scope.kind };
  }
}

/**
 * The one auth decorator: sets the permission and the data scope the guard enforces, and
 * documents both (bearer or API key, 401/403, `x-permission`, `x-scope`) in the OpenAPI document.
 * A route without it (or `@Public()`) is refused.
 */
export function Authorize(
  permission: Permission | null,
  scope: RouteScope,
  options: { allowPendingPasswordChange?: boolean; allowPendingMfaEnrolment?: boolean } = {},
): MethodDecorator & ClassDecorator {
  const meta: AuthorizeMetadata = { permission, scope, ...options };
  return applyDecorators(
    SettlesCredential(),
    SetMetadata(AUTHORIZE_KEY, meta),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiExtension('x-permission', permission ?? 'authenticated'),
    ApiExtension('x-scope', scopeExtension(scope)),
    ApiUnauthorizedResponse({ description: '未登录或登录已失效 / Not signed in or session ended', type: ProblemDto }),
    ApiForbiddenResponse({ description: '无权限 / Not allowed', type: ProblemDto }),
  );
}

/**
 * Puts the route's handler (every route of the class, on a class) inside `settlingCredential`, the
 * metadata the decorators before it left on the handler carried over to the wrapper (Nest and
 * Swagger read a route's metadata from the function on the prototype).
 */
function SettlesCredential(): MethodDecorator & ClassDecorator {
  const wrap = (holder: object, key: string | symbol, descriptor: PropertyDescriptor): void => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function' || WRAPPED.has(original)) return;
    const wrapper = settlingCredential(original as (...args: unknown[]) => unknown);
    for (const metaKey of Reflect.getOwnMetadataKeys(original)) {
      Reflect.defineMetadata(metaKey, Reflect.getOwnMetadata(metaKey, original), wrapper);
    }
    Object.defineProperty(wrapper, 'name', { value: original.name });
    WRAPPED.add(wrapper);
    descriptor.value = wrapper;
    if (Object.getOwnPropertyDescriptor(holder, key)?.value === original) Object.defineProperty(holder, key, descriptor);
  };
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined && descriptor) return wrap(target, key, descriptor);
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const own = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && own && typeof own.value === 'function') wrap(prototype, name, own);
    }
  };
}

/** Handlers already inside `settlingCredential` (a method under `@Authorize` of its own and of its class). */
const WRAPPED = new WeakSet<object>();

export const READS_ONE_KEY = 'jixiao:reads-one';

/**
 * A detail read whose handler reads the row its path names through `readOne` (common/scope/read-one.ts):
 * for a caller resolved a moment ago the guard makes neither the authentication statement nor the
 * owner check's — the handler's one statement confirms the credential and reads the row's owner, and
 * the route's scope decides on it there. Whatever that statement did not settle (no row, another
 * fingerprint, a handler that did not call `readOne`) is settled before the answer leaves: the
 * credential resolved again and the owner checked as the guard checks it. GET routes of `owner` scope
 * (and of `registry` scope: the entry's assignee read and decided on in the owner's place) only; documented as `x-reads-one`, which the generated detail-statement test reads.
 */
export function ReadsOne(): MethodDecorator {
  return applyDecorators(SetMetadata(READS_ONE_KEY, true), ApiExtension('x-reads-one', true));
}

/** An open route, said out loud. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-scope', { kind: 'public' }));
}

/** The authenticated caller, set by the guard. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('Caller used on a route without @Authorize');
  return request.principal;
});
