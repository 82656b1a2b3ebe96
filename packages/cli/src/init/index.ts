// What `frozen-duckdb init` and the Nx plugin's generators share: the starter suite, the workflow and
// the packages a project declares (`import ... from 'frozen-duckdb/init'`).
export { suiteSource, SUITE_NAME, type SuiteRunner } from './suite-template.js';
export { workflowSource, WORKFLOW_FILE, type WorkflowTarget } from './workflow-template.js';
export { benchDependencies, undeclared, withDevDependencies, gitignoreWithEntries, GITIGNORE_ENTRIES, toolVersion, type Manifest } from './dependencies.js';
