// The engine paths and CLI runner are the native package's test helpers: one copy for both.
export * from '../../native/test/helpers.js';
