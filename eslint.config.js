// ESLint (flat config): type-aware promise rules from typescript-eslint and an import-cycle gate. Formatting is
// Prettier's business (npm run format:check), so no stylistic rules here.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'test-artifacts/**', 'data/**', '**/*.wasm.ts'] },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Type-only imports are erased at run time and may go both ways; value imports may not form a cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // One of each thing (issue 15; src/services.test.ts and src/conventions.test.ts check the same by text).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/testing/**', 'src/services.ts', 'src/shared/worker-pool.ts', 'src/**/*.test-worker.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'NewExpression[callee.name=/Service$/]', message: 'services are built once, in src/services.ts (the composition root)' },
        { selector: "NewExpression[callee.name='Worker']", message: 'worker threads start through the one pool, src/shared/worker-pool.ts' },
      ],
    },
  },
);
