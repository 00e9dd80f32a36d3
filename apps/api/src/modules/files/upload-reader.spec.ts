import { contentDisposition } from './upload-reader';

describe('Content-Disposition (RFC 6266 / 5987)', () => {
  it('carries the UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('评估报告.pdf')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A.pdf`,
    );
  });

  it('escapes quotes and characters RFC 5987 reserves', () => {
    expect(contentDisposition(`a"b'(1).pdf`)).toBe(`attachment; filename="a_b'(1).pdf"; filename*=UTF-8''a%22b%27%281%29.pdf`);
    expect(contentDisposition('x.png', 'inline')).toBe(`inline; filename="x.png"; filename*=UTF-8''x.png`);
  });
});

describe('Content-Disposition and bidirectional controls', () => {
  it('leaves U+202E and the other bidirectional controls out of both names', () => {
    const header = contentDisposition('invoice\u202Efdp.pdf');
    expect(header).toBe(`attachment; filename="invoicefdp.pdf"; filename*=UTF-8''invoicefdp.pdf`);
    expect(contentDisposition('报告\u2067x\u2069.pdf')).not.toMatch(/%E2%81%A7|%E2%81%A9/);
  });
});
