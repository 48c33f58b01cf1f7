/** Two projects: unit specs next to pure logic (web/src's too: the locale files' keys), e2e/integration suites under test/ (real database, real Redis). */
const tsJest = ['ts-jest', { diagnostics: false }];
// content-disposition 3 (used by @fastify/static, which Swagger UI needs) ships ESM only, and Jest
// on Node 20 cannot require ESM: that one package is compiled to CommonJS for the tests. Likewise
// cookie 2 (ESM only), which @fastify/cookie loads with a dynamic import() that Jest's CommonJS
// sandbox refuses: both are compiled so that the import becomes a require.
const esmOnlyJs = ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' } }];
const transform = { '^.+\\.ts$': tsJest, '/node_modules/(content-disposition|@fastify/cookie|cookie)/.+\\.js$': esmOnlyJs };
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/|@fastify/cookie/|cookie/)'];

module.exports = {
  // Read from the root only (jest-circus ignores it inside projects): e2e hooks boot apps and databases.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
