import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { storedFunctionChanges } from '../database/stored-functions.registry';

/**
 * `pnpm migration:generate <Name>`: applies the committed migrations to a scratch database (an
 * in-memory PGlite, or DATABASE_URL if set), compares it with the entities and with the modules'
 * stored functions (database/stored-functions.registry.ts: their text, embedded literally, and the
 * catalog's current text for the way down) and writes the difference as
 * src/database/migrations/<timestamp>-<Name>.ts — to be read before committing.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: pnpm migration:generate <PascalCaseName>');
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres('memory://');
  const ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? embedded!.url, 1));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const sql = await ds.driver.createSchemaBuilder().log();
    const functions = await storedFunctionChanges((text, params) => ds.query(text, params));
    if (!sql.upQueries.length && !functions.up.length) {
      console.log('The entities and stored functions match the migrations: nothing to generate.');
      return;
    }
    const stamp = Date.now();
    const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const statement = (text: string) => `    await queryRunner.query(\`${q(text)}\`);`;
    const up = [...sql.upQueries.map((x) => x.query), ...functions.up].map(statement).join('\n');
    const down = [...functions.down, ...sql.downQueries.reverse().map((x) => x.query)].map(statement).join('\n');
    const file = join(__dirname, '..', '..', 'src', 'database', 'migrations', `${stamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}: read it before committing.`);
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
