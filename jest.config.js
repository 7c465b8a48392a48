// Three tiers (see docs/architecture.md): unit specs next to the code, integration tests against
// real servers, end-to-end tests of the built service. Jest runs in CommonJS mode and @swc/jest
// transforms our TypeScript and the ESM-only @nestjs and aedes packages: on Node 20 Jest cannot load
// real ES modules, and ts-jest leaves their `import.meta.url` in place.
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
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|aedes|aedes-.*|mqemitter|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@apidevtools)/)',
  ],
  moduleNameMapper: {
    '^@jct/contract$': '<rootDir>/libs/contract/src/index.ts',
    '^@jct/site-config$': '<rootDir>/libs/site-config/src/index.ts',
    '^@jct/storage$': '<rootDir>/libs/storage/src/index.ts',
    '^@jct/rules$': '<rootDir>/libs/rules/src/index.ts',
  },
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,devices-sim}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Debian's Chromium through playwright-core against the service in-process.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
