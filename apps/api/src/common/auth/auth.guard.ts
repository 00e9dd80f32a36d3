import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { isDistrictOnly } from '@jixiao/contracts';
import { AUTHORIZE_KEY, AuthorizeMetadata, PUBLIC_KEY, READS_ONE_KEY, type RouteScope } from './authorize.decorator';
import { AuthErrors } from './auth.errors';
import { confinePermissions, type Principal } from './principal';
import { type Credential, PrincipalResolver } from './principal-resolver';
import { DataScope } from '../scope/data-scope.service';
import { CommonErrors } from '../errors/common.errors';
import { requestContext } from '../http/request-context';
import { isUuid } from '../http/ids';
import { isPageOf } from '../list/page.dto';
import type { OwnerCheck } from '../scope/read-one';

/** Where @nestjs/swagger keeps a handler's documented responses (`@ApiOkResponse` …). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';

export type AuthedRequest = FastifyRequest & { principal?: Principal; credential?: Credential };

/**
 * The request's credential: the bearer token when it says `Authorization`, else its `X-API-Key`;
 * null when it has neither; a malformed one is refused here.
 */
function credentialOf(request: FastifyRequest): Credential | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    const token = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,256})$/i.exec(header.trim())?.[1];
    if (!token) throw AuthErrors.AUTH_TOKEN_INVALID();
    return { kind: 'session', secret: token };
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) {
    if (apiKey.length > 256) throw AuthErrors.AUTH_API_KEY_INVALID();
    return { kind: 'api_key', secret: apiKey };
  }
  return null;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type OwnerScope = Extract<RouteScope, { kind: 'owner' }>;
type RegistryScope = Extract<RouteScope, { kind: 'registry' }>;

/**
 * The global guard. Deny by default: a route must say `@Public()` or `@Authorize(...)`.
 * In order: who is calling (401), initial password pending (403), two-factor enrolment pending (403), read-only roles writing (403),
 * permission (403), then data scope of the row or organization the request names (404 / 403),
 * all before validation or the handler run. The caller's permissions are first confined to its data
 * scope (`permissionsWithinScope`, from the reach table in libs/contracts): a district-only
 * permission held by a caller below district scope — a key limited to one organization, whatever
 * was stored on it — is dropped here, for the route and for everything downstream (e.g. `actions`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Per handler: whether it reads a page of a list (`readsPage`). */
  private readonly pageReaders = new WeakMap<object, boolean>();
  /** Per handler: whether it reads the row its path names through `readOne` (`@ReadsOne`). */
  private readonly oneReaders = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
    private readonly scope: DataScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const meta = this.metaOf(context);
    if (!meta) throw AuthErrors.AUTH_ROUTE_UNDECLARED();

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const credential = credentialOf(request);
    if (!credential) throw AuthErrors.AUTH_REQUIRED();
    request.credential = credential;
    const ctx = requestContext.get();
    // A list read may go on with the principal resolved here a moment ago for the same token: its
    // page statement confirms the session (credential-check.ts), and the route's `@Authorize`
    // wrapper (`settlingCredential`) settles what the page did not confirm before anything is answered.
    // A detail read (`@ReadsOne`) goes on so too, its owner check left to its one statement as well (common/scope/read-one.ts).
    const readsOne = request.method === 'GET' && (meta.scope.kind === 'owner' || meta.scope.kind === 'registry') && this.readsOne(context);
    const recent = ctx && request.method === 'GET' && (readsOne || this.readsPage(context, meta)) ? this.resolver.recent(credential) : null;
    if (recent && ctx) {
      try {
        await this.admit(meta, request, recent.principal, readsOne);
        ctx.credentialCheck = recent.check;
        ctx.settleCredential = () => this.settle(meta, request);
        return true;
      } catch {
        // refused on what was known a moment ago: decided again on the credential as it is now
      }
    }
    await this.admit(meta, request, await this.resolver.resolve(credential));
    return true;
  }

  /**
   * Lets `principal` through to the route, or refuses it: its permissions confined to its data scope,
   * pending password change or enrolment, read-only roles, the route's permission, then its scope.
   */
  async admit(meta: AuthorizeMetadata, request: AuthedRequest, principal: Principal, ownerCheckDeferred = false): Promise<void> {
    // once: a principal resolved a moment ago and reused (a copy) is already confined
    confinePermissions(principal);
    request.principal = principal;
    const ctx = requestContext.get();
    if (ctx) ctx.principal = principal;

    if (principal.mustChangePassword && !meta.allowPendingPasswordChange) throw AuthErrors.AUTH_PASSWORD_CHANGE_REQUIRED();
    if (principal.mfaEnrolmentRequired && !meta.allowPendingMfaEnrolment) throw AuthErrors.AUTH_MFA_ENROLMENT_REQUIRED();
    if (!READ_METHODS.has(request.method) && principal.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    if (meta.permission && !principal.permissions.has(meta.permission)) {
      throw CommonErrors.FORBIDDEN(
        isDistrictOnly(meta.permission) && principal.dataScope !== 'all'
          ? {
              detail: `${meta.permission} is a district-wide permission of the finance bureau; a caller limited to one organization cannot hold it`,
            }
          : undefined,
      );
    }

    if (ownerCheckDeferred && (meta.scope.kind === 'owner' || meta.scope.kind === 'registry'))
      this.deferOwnerCheck(meta.scope, request, principal);
    else await this.checkScope(meta, request, principal);
  }

  /**
   * Leaves the owner check of a detail read (`@ReadsOne`) to the handler's statement (`readOne` calls
   * its `admit` with the row's owner): the path's id checked here, the row's owner decided there by
   * `admitOwner`, as `checkScope` decides it. A check still pending when the handler is done is made
   * the usual way before the answer leaves (`settle`).
   */
  private deferOwnerCheck(scope: OwnerScope | RegistryScope, request: AuthedRequest, principal: Principal): void {
    const ctx = requestContext.get();
    const id = ((request.params ?? {}) as Record<string, string>)[scope.param ?? 'id'];
    if (!isUuid(id)) throw CommonErrors.INVALID_ID();
    // (a recent principal is only ever used inside a request's context)
    if (!ctx) throw new Error('an owner check deferred outside a request');
    // a register's entry has no owner: its assignee column is read (and decided on) in the owner's place
    const check: OwnerCheck = {
      entity: scope.entity,
      column: scope.kind === 'registry' ? scope.assignee.column : (scope.column ?? 'organizationId'),
      assignee: scope.assignee,
      id,
      state: 'pending',
      admit: async (owner, assignee) => {
        check.state = 'confirmed';
        if (scope.kind === 'registry') this.admitRegistry(scope, principal, assignee);
        else await this.admitOwner(scope, request, principal, { owner, assignee });
      },
    };
    ctx.ownerCheck = check;
  }

  /** Whether the route reads a page of a list (scope `list`, or documented to answer `PageOf(…)`): its page statement can confirm the caller. */
  private readsPage(context: ExecutionContext, meta: AuthorizeMetadata): boolean {
    const handler = context.getHandler();
    let known = this.pageReaders.get(handler);
    if (known === undefined) {
      const responses = (Reflect.getMetadata(API_RESPONSE_METADATA, handler) ?? {}) as Record<string, { type?: unknown }>;
      known = meta.scope.kind === 'list' || Object.values(responses).some((r) => isPageOf(r?.type));
      this.pageReaders.set(handler, known);
    }
    return known;
  }

  /** Whether the handler reads the row its path names through `readOne` (`@ReadsOne`). */
  private readsOne(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.oneReaders.get(handler);
    if (known === undefined) {
      known = this.reflector.get<boolean>(READS_ONE_KEY, handler) === true;
      this.oneReaders.set(handler, known);
    }
    return known;
  }

  /** The route's `@Authorize` metadata, if it has one. */
  metaOf(context: ExecutionContext): AuthorizeMetadata | undefined {
    return this.reflector.getAllAndOverride<AuthorizeMetadata>(AUTHORIZE_KEY, [context.getHandler(), context.getClass()]);
  }

  /**
   * Settles the request's credential check once its handler is done: nothing when the page statement
   * confirmed the principal; else the credential resolved again in full (refused if it no longer
   * holds) and, when its principal changed, that principal admitted and returned for the handler to
   * run again with (null when it did not change).
   */
  private async settle(meta: AuthorizeMetadata, request: AuthedRequest): Promise<Principal | null> {
    const ctx = requestContext.get();
    const check = ctx?.credentialCheck;
    const owner = ctx?.ownerCheck;
    if (!ctx || (!check && !owner)) return null;
    ctx.credentialCheck = undefined;
    ctx.ownerCheck = undefined;
    if (check && check.state !== 'confirmed') {
      const credential = request.credential ?? credentialOf(request);
      if (!credential) throw AuthErrors.AUTH_REQUIRED();
      const principal = await this.resolver.resolve(credential);
      if (principal.credential?.fingerprint !== check.fingerprint) {
        // admitted in full (its scope checked by a statement of its own) and the handler run again with it
        await this.admit(meta, request, principal);
        return principal;
      }
    }
    // the row's owner not read by the handler's statement: checked now, before anything is answered
    if (owner && owner.state !== 'confirmed' && ctx.principal) await this.checkScope(meta, request, ctx.principal);
    return null;
  }

  /** The caller let through to a row of an `owner` route owned by `row.owner` (assigned to `row.assignee`), or refused. */
  private async admitOwner(
    scope: OwnerScope,
    request: AuthedRequest,
    principal: Principal,
    row: { owner: string | null; assignee: string | null },
  ): Promise<void> {
    // An agency or expert reaches a row only through its assignment; everyone else through the owner.
    if (scope.assignee && this.scope.isAssignee(principal, scope.assignee, row.assignee)) return;
    await this.scope.assertVisible(principal, row.owner);
    if (!READ_METHODS.has(request.method)) await this.scope.assertWritable(principal, row.owner);
  }

  /** An agency reaches its own entry of a register only (else 404); everyone else reads the register (only the district writes it: `checkScope`). */
  private admitRegistry(scope: RegistryScope, principal: Principal, assignee: string | null): void {
    if (principal.dataScope === 'assigned' && !this.scope.isAssignee(principal, scope.assignee, assignee)) throw CommonErrors.NOT_FOUND();
  }

  private async checkScope(meta: Pick<AuthorizeMetadata, 'scope'>, request: AuthedRequest, principal: Principal): Promise<void> {
    const scope = meta.scope;
    if (scope.kind === 'owner') {
      const params = (request.params ?? {}) as Record<string, string>;
      const id = params[scope.param ?? 'id'];
      if (!isUuid(id)) throw CommonErrors.INVALID_ID();
      const row = await this.scope.ownerOf(scope.entity, scope.column ?? 'organizationId', id, scope.assignee);
      if (row === undefined) throw CommonErrors.NOT_FOUND();
      await this.admitOwner(scope, request, principal, row);
    } else if (scope.kind === 'registry') {
      const params = (request.params ?? {}) as Record<string, string>;
      const id = params[scope.param ?? 'id'];
      if (!isUuid(id)) throw CommonErrors.INVALID_ID();
      const row = await this.scope.ownerOf(scope.entity, scope.assignee.column, id, scope.assignee);
      if (row === undefined) throw CommonErrors.NOT_FOUND();
      this.admitRegistry(scope, principal, row.assignee);
      if (principal.dataScope !== 'assigned' && !READ_METHODS.has(request.method)) await this.scope.assertDistrictWide(principal);
    } else if (scope.kind === 'create') {
      const body = request.body as Record<string, unknown> | undefined;
      const orgId = body && typeof body === 'object' ? body[scope.field ?? 'organizationId'] : undefined;
      // A malformed id is left to validation; a well-formed one outside the scope is refused here.
      if (typeof orgId === 'string' && isUuid(orgId)) await this.scope.assertWritable(principal, orgId);
    }
    // 'bulk': the rows are checked one by one, as `owner` writes, by the BulkRunner (common/bulk).
  }
}
