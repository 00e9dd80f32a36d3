import { setFlagsFromString } from 'node:v8';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const logger = new Logger('Jixiao');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  // V8 reads this flag at every full collection (not only at start), so setting it here takes effect.
  if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  const running = await createApp(config);
  await running.app.listen({ port: config.port, host: config.host });
  const where = running.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL';
  logger.log(`Jixiao on http://localhost:${config.port} (API /api/v1, docs /api/docs) using ${where}`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
