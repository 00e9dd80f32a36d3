import { serveEmbeddedPostgres } from './embedded-postgres';

/**
 * The embedded PostgreSQL's own process (forked by startEmbeddedPostgres): serves the data
 * directory given as its argument, tells the parent its port, and closes the database cleanly
 * when told to stop or when the parent goes away.
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: embedded-postgres.server <dataDir>');
  const served = await serveEmbeddedPostgres(dataDir);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await served.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ port: served.port });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
