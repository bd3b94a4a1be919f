/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // TOKEN_HEALTH_NOW_OFFSET_DAYS moves every test's clock ahead (see local/clock-offset.cjs).
  // Handler logs are silenced (test/support/quiet-console.cjs; TOKEN_HEALTH_TEST_LOGS=1 shows them).
  setupFiles: ['<rootDir>/local/clock-offset.cjs', '<rootDir>/test/support/quiet-console.cjs'],
  // Only the files that fail, then the summary.
  reporters: ['<rootDir>/test/support/failures-only-reporter.cjs', 'summary'],
  roots: ['<rootDir>/test'],
  // Needs Chromium: run by `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose (the JWT library) ships ES modules only; Jest's CommonJS loader needs them transpiled.
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 20000,
};
