export * from './labels';
export * from './organization';
export * from './permissions';
export * from './roles';
export * from './list';
export * from './problem';
