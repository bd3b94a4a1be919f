/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // TOKEN_HEALTH_NOW_OFFSET_DAYS moves every test's clock ahead (see local/clock-offset.cjs).
  setupFiles: ['<rootDir>/local/clock-offset.cjs'],
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
