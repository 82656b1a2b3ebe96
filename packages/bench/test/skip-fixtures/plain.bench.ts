// A suite that runs, next to the skipping ones.
import { defineSuite } from '@frozen-duckdb/bench';

export default defineSuite({ name: 'plain', benchmarks: { nothing: () => {} } });
