/** Jest: ts-jest in transpile-only mode (tsc --noEmit does the type checking in CI). */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const roots = ['contracts', 'adapters', 'queue', 'hub', 'config', 'test'].filter((d) =>
  existsSync(join(__dirname, d)),
);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: roots.map((d) => `<rootDir>/${d}`),
  testMatch: ['**/*.test.ts'],
  // Adapters scaffolded by the scaffold test live there while it runs; never collect their tests.
  testPathIgnorePatterns: ['/node_modules/', '/\\.scaffold-test-'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  setupFiles: ['<rootDir>/test/helpers/fast-check-seed.js'],
  testTimeout: 30000,
  // Each suite that needs Redis starts its own redis-server; keep CPU contention bounded on 2 cores.
  maxWorkers: 2,
};
