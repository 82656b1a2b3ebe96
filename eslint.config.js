// Lint: a handful of rules that catch real bugs (a promise nobody awaits, a name nobody uses, == where
// === was meant); layout is Prettier's. Type-aware rules read each project's tsconfig.test.json.
import tseslint from 'typescript-eslint';

const bugs = {
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-self-compare': 'error',
  'no-unsafe-finally': 'error',
  'no-constant-binary-expression': 'error',
};
const unused = { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'reports/**', 'tmp/**'] },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { ...bugs, 'no-unused-vars': ['error', unused] },
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        project: ['packages/*/tsconfig.test.json', 'tools/*/tsconfig.test.json', 'benchmarks/tsconfig.build.json', 'benchmarks/tsconfig.changes.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...bugs,
      '@typescript-eslint/no-unused-vars': ['error', unused],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
);
