import preset from '../../jest.preset.js';

// One project at a time, each step a real install or measurement: minutes, not seconds.
export default { ...preset, maxWorkers: 1, testTimeout: 900000 };
