// first: V8's heap policy before anything else loads (common/memory/pretenuring.ts)
import './common/memory/pretenuring';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './app.factory';
import { configureHeapBound } from './common/memory/heap-bound';

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
  // the heap is bounded while an export or import runs (common/memory/heap-bound.ts)
  configureHeapBound({ base: config.heapGrowingPercent, bulk: config.bulkHeapGrowingPercent });
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
