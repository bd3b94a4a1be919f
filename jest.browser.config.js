/**
 * The browser test: the whole local app (`npm start`'s) in Debian's Chromium through
 * playwright-core. Kept out of `npm test` because it needs /usr/bin/chromium; .ci/run installs it.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120000,
};
