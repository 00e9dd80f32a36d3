import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Credential } from '../../common/auth/principal-resolver';
import type { AuthService } from './auth.service';
import { SessionPrincipalResolver } from './principal-resolver.service';
import { TokenHasher } from './token-hasher';

/** A hasher that counts its work. */
class CountingHasher extends TokenHasher {
  calls = 0;
  override hash(token: string): string {
    this.calls += 1;
    return super.hash(token);
  }
}

/** The session principal AuthService would make of a token's hash (no database: the resolver's own bookkeeping is under test). */
function sessionOf(hash: string): Principal {
  return {
    kind: 'user',
    id: 'u1',
    name: 'edu',
    roles: ['department'],
    // user:manage is the district's: not held at a department's scope
    permissions: new Set(['project:read', 'project:write', 'user:manage'] as const) as Principal['permissions'],
    organizationId: 'o1',
    dataScope: 'subtree',
    readOnly: false,
    credential: { key: hash, fingerprint: 'f1' },
    credentialFreshUntil: Date.now() + 60_000,
  };
}

describe('SessionPrincipalResolver', () => {
  function resolver() {
    const hasher = new CountingHasher('x'.repeat(32));
    const auth = { principalFromTokenHash: async (hash: string) => sessionOf(hash) } as unknown as AuthService;
    return { hasher, resolver: new SessionPrincipalResolver(auth, {} as DataSource, hasher) };
  }

  it('hashes a request’s credential once, however often it is resolved or recalled', async () => {
    const { hasher, resolver: r } = resolver();
    const credential: Credential = { kind: 'session', secret: 'jxa_token-of-the-request' };
    expect(r.recent(credential)).toBeNull();
    await r.resolve(credential);
    expect(r.recent(credential)).not.toBeNull();
    expect(hasher.calls).toBe(1);
    // another request with the same token finds its hash remembered: no HMAC at all
    expect(r.recent({ kind: 'session', secret: 'jxa_token-of-the-request' })?.check.key).toBe(credential.hash);
    expect(hasher.calls).toBe(1);
  });

  it('remembers the hashes only of credentials that resolved, each under its own token', async () => {
    const auth = {
      principalFromTokenHash: async (hash: string) => {
        if (hash === refused) throw new Error('no such session');
        return sessionOf(hash);
      },
    } as unknown as AuthService;
    const hasher = new CountingHasher('x'.repeat(32));
    const r = new SessionPrincipalResolver(auth, {} as DataSource, hasher);
    const refused = hasher.hash('jxa_made-up-token');
    await r.resolve({ kind: 'session', secret: 'jxa_token-a' });
    await r.resolve({ kind: 'session', secret: 'jxa_token-b' });
    hasher.calls = 0;
    // each token its own hash, from memory
    expect(r.recent({ kind: 'session', secret: 'jxa_token-a' })?.check.key).toBe(new TokenHasher('x'.repeat(32)).hash('jxa_token-a'));
    expect(r.recent({ kind: 'session', secret: 'jxa_token-b' })?.check.key).toBe(new TokenHasher('x'.repeat(32)).hash('jxa_token-b'));
    expect(hasher.calls).toBe(0);
    // a token that did not resolve is hashed at every request (nothing kept of it)
    for (let i = 0; i < 2; i++)
      await expect(r.resolve({ kind: 'session', secret: 'jxa_made-up-token' })).rejects.toThrow('no such session');
    expect(hasher.calls).toBe(2);
  });

  it('keeps its own copy, confined to its scope: what a request sets on the principal it was handed leaves the next one whole', async () => {
    const { resolver: r } = resolver();
    const credential: Credential = { kind: 'session', secret: 'jxa_token-of-the-request' };
    const handed = await r.resolve(credential);
    expect([...handed.permissions]).toEqual(['project:read', 'project:write']);
    handed.permissions = new Set(['project:read'] as const);
    handed.visibleOrganizationIds = ['o1'];
    const again = r.recent(credential)!;
    expect([...again.principal.permissions]).toEqual(['project:read', 'project:write']);
    expect(again.principal.permissionsConfinedTo).toBe('subtree');
    expect(again.principal.visibleOrganizationIds).toBeUndefined();
    again.principal.visibleOrganizationIds = null;
    expect(r.recent(credential)!.principal.visibleOrganizationIds).toBeUndefined();
  });

  it('does not hand out a principal past its freshness', async () => {
    const { resolver: r } = resolver();
    const credential: Credential = { kind: 'session', secret: 'jxa_token-of-the-request' };
    const handed = await r.resolve(credential);
    expect(handed.credentialFreshUntil).toBeGreaterThan(Date.now());
    const stale = new SessionPrincipalResolver(
      {
        principalFromTokenHash: async (hash: string) => ({ ...sessionOf(hash), credentialFreshUntil: Date.now() - 1 }),
      } as unknown as AuthService,
      {} as DataSource,
      new TokenHasher('x'.repeat(32)),
    );
    await stale.resolve(credential);
    expect(stale.recent(credential)).toBeNull();
  });
});
