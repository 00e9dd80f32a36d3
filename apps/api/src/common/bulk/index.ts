export * from './bulk.dto';
export * from './bulk.errors';
export * from './bulk-runner.service';
