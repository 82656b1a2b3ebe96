// Shared Jest settings: ESM mode, TypeScript through ts-jest, real DuckDB, no mocks.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Sources import siblings as './x.js' (NodeNext); Jest must find the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  testTimeout: 60000,
  // Both cores (Jest's default leaves one to itself): the side-by-side tests hold up under the load, as the gate must.
  maxWorkers: 2,
};
