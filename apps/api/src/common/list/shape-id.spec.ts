import { MAX_SHAPE_IDS, shapeId } from './page-plans';

describe('shapeId', () => {
  it('gives one text the same short id and two texts different ones', () => {
    const a = `SELECT a ${'x'.repeat(5000)}`;
    const b = `SELECT b ${'x'.repeat(5000)}`;
    expect(shapeId(a)).toBe(shapeId(`SELECT a ${'x'.repeat(5000)}`));
    expect(shapeId(a)).not.toBe(shapeId(b));
    expect(shapeId(a)!.length).toBeLessThan(10);
    expect(shapeId(null)).toBeNull();
  });

  it('lets texts beyond MAX_SHAPE_IDS stand for themselves, never colliding with an id', () => {
    for (let i = 0; i < MAX_SHAPE_IDS + 5; i++) shapeId(`shape ${i}`);
    const late = `shape beyond ${MAX_SHAPE_IDS}`;
    expect(shapeId(late)).toBe(`t${late}`);
    expect(shapeId('shape 0')).toMatch(/^#\d+$/);
  });
});
