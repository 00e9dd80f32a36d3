export * from './list-query.dto';
export * from './page.dto';
export * from './paginate';
export * from './escape-like';
export * from './children';
