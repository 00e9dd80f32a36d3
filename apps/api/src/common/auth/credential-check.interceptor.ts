import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { requestContext, type RequestContext } from '../http/request-context';
import { AuthGuard, type AuthedRequest } from './auth.guard';

/**
 * Settles a list read's credential check before its answer (or refusal) leaves: when the page
 * statement did not confirm the recently resolved principal (no page row, another fingerprint, no
 * page statement at all), the credential is resolved again in full — a logout, lock or expiry
 * answers 401 / 403 instead of the rows — and, when the session holds but its principal changed
 * (roles, organization, a profile), the principal is admitted again and the handler runs again
 * with it. Nothing read under a principal that no longer holds is answered.
 */
@Injectable()
export class CredentialCheckInterceptor implements NestInterceptor {
  constructor(private readonly guard: AuthGuard) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = requestContext.get();
    if (!ctx?.credentialCheck) return next.handle();
    const settleThen = (outcome: { value: unknown } | { error: unknown }): Observable<unknown> =>
      from(this.settle(context, ctx)).pipe(
        mergeMap((again) => (again ? next.handle() : 'error' in outcome ? throwError(() => outcome.error) : of(outcome.value))),
      );
    return next.handle().pipe(
      mergeMap((value) => settleThen({ value })),
      catchError((error: unknown) => settleThen({ error })),
    );
  }

  /** Whether the handler must run again (with the principal as it is now); throws the refusal when it no longer holds. */
  private async settle(context: ExecutionContext, ctx: RequestContext): Promise<boolean> {
    const check = ctx.credentialCheck;
    if (!check) return false;
    ctx.credentialCheck = undefined;
    if (check.state === 'confirmed') return false;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = await this.guard.reauthenticate(request);
    if (principal.credential?.fingerprint === check.fingerprint) return false;
    const meta = this.guard.metaOf(context);
    if (!meta) throw new Error('a credential check on a route without @Authorize');
    await this.guard.admit(meta, request, principal);
    return true;
  }
}
