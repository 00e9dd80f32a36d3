/** Unit tests of a framework-free library: SWC transforms TypeScript, nothing else is mocked. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
};
