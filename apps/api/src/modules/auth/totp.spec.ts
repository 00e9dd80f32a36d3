import { base32Decode, base32Encode, matchTotp, normalizeRecoveryCode, otpauthUri, SecretBox, totpCode, totpStep } from './totp';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (the 8-digit values' last 6 digits).
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('gives the RFC test vector at T=%i', (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(code);
  });

  it('round-trips base32', () => {
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts one step either side of now and answers the matching step, nothing further', () => {
    const at = 1111111109_000;
    const step = totpStep(at);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), at)).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345', at)).toBeNull();
  });

  it('writes the key URI authenticator apps read', () => {
    expect(otpauthUri('绩效', 'finance', 'ABC')).toBe(
      'otpauth://totp/%E7%BB%A9%E6%95%88:finance?secret=ABC&issuer=%E7%BB%A9%E6%95%88&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('normalizes recovery codes', () => {
    expect(normalizeRecoveryCode(' abcde-fghij ')).toBe('ABCDEFGHIJ');
  });
});

describe('SecretBox (SM4-CBC + HMAC-SM3)', () => {
  const box = new SecretBox('a key of at least thirty-two characters!');

  it('opens what it sealed, with a new IV each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(box.seal('JBSWY3DPEHPK3PXP'));
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses an altered box and another key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    parts[2] = Buffer.from('tampered-body-16').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow('altered');
    expect(() => new SecretBox('another key of thirty-two characters!!').open(sealed)).toThrow('altered');
  });
});
