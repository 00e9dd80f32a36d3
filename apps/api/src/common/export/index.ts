export * from './export-stream';
export * from './export-query.dto';
