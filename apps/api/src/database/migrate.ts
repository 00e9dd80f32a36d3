import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations, each in its own transaction; never synchronizes. */
export async function runMigrations(url: string, poolMax: number): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, poolMax), migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    const done = await ds.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
