/** Jest: ts-jest in transpile-only mode (tsc --noEmit does the type checking in CI). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/contracts', '<rootDir>/adapters', '<rootDir>/queue', '<rootDir>/hub', '<rootDir>/config', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // Each suite that needs Redis starts its own redis-server; keep CPU contention bounded on 2 cores.
  maxWorkers: 2,
};
