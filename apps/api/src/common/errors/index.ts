export * from './app-error';
export * from './common.errors';
export * from './problem';
export * from './problem.filter';
export * from './validation-messages';
