/**
 * API tests over HTTP against PostgreSQL with the real migrations: each suite gets a fresh
 * database on the server in DATABASE_URL, or a fresh embedded PGlite when it is unset.
 * Nest 12 ships ES modules only, so SWC transforms them too (see TOOLCHAIN.md).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.(t|j)s$': swc, '^.+\\.mjs$': swc },
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm/|@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
