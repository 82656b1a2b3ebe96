import preset from '../../jest.preset.js';

// One test file at a time: fault and load tests time processes and must not share the 2 cores with each other.
export default { ...preset, maxWorkers: 1, testTimeout: 180000 };
