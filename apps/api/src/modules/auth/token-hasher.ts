import { createHmac, randomBytes } from 'node:crypto';

/** Opaque random tokens; only their keyed hashes are stored, so a database dump reveals no token. */
export class TokenHasher {
  constructor(private readonly secret: string) {}

  newToken(prefix: string): string {
    return `${prefix}${randomBytes(32).toString('base64url')}`;
  }

  hash(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('hex');
  }
}

export const TOKEN_HASHER = Symbol('TOKEN_HASHER');
