export * from './excel-import.errors';
export * from './excel-import.service';
export * from './import-error-collector';
export * from './xlsx-reader';
export * from './zip-directory';
export * from './cells';
export * from './xlsx-http';
export * from './keyed-rows';
