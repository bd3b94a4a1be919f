/**
 * The browser test: the whole local app (`npm start`'s) in Debian's Chromium through
 * playwright-core. Kept out of `npm test` because it needs /usr/bin/chromium; .ci/run installs it.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose (the JWT library) ships ES modules only; Jest's CommonJS loader needs them transpiled.
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 120000,
};
