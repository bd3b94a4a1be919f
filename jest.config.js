/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // TOKEN_HEALTH_NOW_OFFSET_DAYS moves every test's clock ahead (see local/clock-offset.cjs).
  setupFiles: ['<rootDir>/local/clock-offset.cjs'],
  roots: ['<rootDir>/test'],
  // Needs Chromium: run by `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
};
