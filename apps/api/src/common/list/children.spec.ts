import { DataSource } from 'typeorm';
import { StoredFileEntity } from '../../modules/files/entities/stored-file.entity';
import { CHILD, childrenFrom, rowsSql } from './children';

describe('rowsSql', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', entities: [StoredFileEntity] });
    // the entities' metadata without a connection (what `initialize` builds before it connects)
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  it('reads the columns a read of the entity selects, not those left out unless asked (a stored file’s bytes)', () => {
    const sql = rowsSql(ds, StoredFileEntity, `${CHILD}.id = x.file_id`);
    expect(sql).toContain(`'filename', ${CHILD}."filename"`);
    expect(sql).toContain(`'size', ${CHILD}."size"`);
    expect(sql).not.toContain(`${CHILD}."data"`);
  });

  it('orders ascending, or descending with a leading "-", ties in the order the rows lie in the table', () => {
    const sql = rowsSql(ds, StoredFileEntity, 'true', ['-createdAt', 'filename']);
    expect(sql).toContain(`ORDER BY ${CHILD}."created_at" DESC, ${CHILD}."filename", ${CHILD}.ctid`);
    expect(() => rowsSql(ds, StoredFileEntity, 'true', ['-nothing'])).toThrow(/has no column nothing/);
  });

  it('makes entities of the JSON as the driver hydrates the columns', () => {
    const [file] = childrenFrom(ds, StoredFileEntity, [
      { id: 'f1', filename: 'a.pdf', size: 3, createdAt: '2022-01-02T03:04:05.678Z', sha256: 'ab' },
    ]);
    expect(file.filename).toBe('a.pdf');
    expect(file.createdAt).toEqual(new Date('2022-01-02T03:04:05.678Z'));
    expect(file.data).toBeUndefined();
  });
});
