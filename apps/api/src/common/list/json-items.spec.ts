import { columnValueSql, isoSql, JsonText, serializeReply, withFields } from './json-items';

describe('json items', () => {
  it('joins a list of written items into the answer as their text, the rest as JSON.stringify writes it', () => {
    const items = [new JsonText('{"id" : "a", "n" : 1}'), new JsonText('{"id" : "b", "n" : 2}')];
    const answer = serializeReply({ items, total: 2, totalExact: true, nextCursor: null });
    expect(Buffer.isBuffer(answer)).toBe(true);
    const text = answer.toString();
    expect(text).toBe('{"items":[{"id" : "a", "n" : 1},{"id" : "b", "n" : 2}],"total":2,"totalExact":true,"nextCursor":null}');
    expect(JSON.parse(text)).toEqual({
      items: [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ],
      total: 2,
      totalExact: true,
      nextCursor: null,
    });
    expect(serializeReply({ items: [new JsonText('{}')] }).toString()).toBe('{"items":[{}]}');
  });

  it('leaves every other answer to JSON.stringify, a written item included anywhere else', () => {
    expect(serializeReply({ items: [{ a: 1 }], total: 1 })).toBe('{"items":[{"a":1}],"total":1}');
    expect(serializeReply({ items: [] })).toBe('{"items":[]}');
    expect(serializeReply([1, 'x'])).toBe('[1,"x"]');
    expect(serializeReply(null)).toBe('null');
    expect(JSON.stringify({ one: new JsonText('{"k" : [1, 2]}') })).toBe('{"one":{"k":[1,2]}}');
  });

  it('joins fields onto an item text', () => {
    expect(JSON.parse(withFields('{"a" : 1}', { actions: ['review'], due: null }).json)).toEqual({ a: 1, actions: ['review'], due: null });
    expect(withFields('{"a" : 1}', {}).json).toBe('{"a" : 1}');
    expect(withFields('{}', { b: 2 }).json).toBe('{"b":2}');
  });

  it('writes items with joined fields, multi-byte text and an empty object as the UTF-8 of their JSON, sized exactly', () => {
    const items = [
      withFields('{"name" : "区教育局 信息化 😀"}', { actions: ['审核'], due: { date: '2023-03-31' } }),
      withFields('{}', { b: '二' }),
      withFields('{"c" : "\\u0000 é"}', {}),
      new JsonText('{}'),
    ];
    const answer = serializeReply({ items, total: 4, totalExact: true });
    const expected = `{"items":[${items.map((i) => i.json).join(',')}],"total":4,"totalExact":true}`;
    expect(answer.toString('utf8')).toBe(expected);
    expect(answer.length).toBe(Buffer.byteLength(expected));
    expect(JSON.parse(answer.toString()).items).toEqual([
      { name: '区教育局 信息化 😀', actions: ['审核'], due: { date: '2023-03-31' } },
      { b: '二' },
      { c: '\u0000 é' },
      {},
    ]);
  });

  it('writes each column type as its DTO shows it, and refuses a type it does not know', () => {
    expect(columnValueSql('p.created_at', { type: 'timestamptz', transformer: undefined, isArray: false })).toBe(isoSql('p.created_at'));
    expect(columnValueSql('p.budget_amount', { type: 'numeric', transformer: undefined, isArray: false })).toBe('(p.budget_amount)::text');
    expect(columnValueSql('p.name', { type: 'varchar', transformer: undefined, isArray: false })).toBe('p.name');
    expect(columnValueSql('p.flag', { type: Boolean, transformer: undefined, isArray: false })).toBe('p.flag');
    expect(() => columnValueSql('p.at', { type: 'timestamp', transformer: undefined, isArray: false })).toThrow(/no JSON form/);
    expect(() =>
      columnValueSql('p.x', { type: 'numeric', transformer: { from: (v: unknown) => v, to: (v: unknown) => v }, isArray: false }),
    ).toThrow(/transformer/);
  });
});
