import type { DataSource } from 'typeorm';
import { MAX_METADATA_MISSES, rememberMetadataMisses } from './metadata-misses';

/** A data source's lookup as TypeORM's: a map of entities, and a count of the walks a miss costs. */
function lookup() {
  const entity = { name: 'ProjectEntity' };
  const calls: unknown[] = [];
  const source = {
    findMetadata(target: unknown) {
      calls.push(target);
      return target === 'ProjectEntity' ? entity : undefined;
    },
    hasMetadata(target: unknown) {
      return !!this.findMetadata(target);
    },
  };
  rememberMetadataMisses(source as unknown as DataSource);
  return { source, calls, entity };
}

describe('rememberMetadataMisses', () => {
  it('answers a name that named no entity again without asking TypeORM', () => {
    const { source, calls } = lookup();
    expect(source.hasMetadata('t.project')).toBe(false);
    expect(source.hasMetadata('t.project')).toBe(false);
    expect(source.hasMetadata('t.project')).toBe(false);
    expect(calls).toEqual(['t.project']);
  });

  it('asks TypeORM every time for a name that names an entity, and for what is not a name', () => {
    const { source, calls, entity } = lookup();
    const target = class Other {};
    expect(source.findMetadata('ProjectEntity')).toBe(entity);
    expect(source.findMetadata('ProjectEntity')).toBe(entity);
    expect(source.findMetadata(target)).toBeUndefined();
    expect(source.findMetadata(target)).toBeUndefined();
    expect(calls).toEqual(['ProjectEntity', 'ProjectEntity', target, target]);
  });

  it('remembers at most MAX_METADATA_MISSES names', () => {
    const { source, calls } = lookup();
    for (let i = 0; i <= MAX_METADATA_MISSES; i++) source.findMetadata(`a.r${i}`);
    calls.length = 0;
    source.findMetadata('a.r0');
    source.findMetadata(`a.r${MAX_METADATA_MISSES}`);
    expect(calls).toEqual([`a.r${MAX_METADATA_MISSES}`]);
  });
});
