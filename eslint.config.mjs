// ESLint flat config: typescript-eslint's recommended type-aware rules for src
// and test, plus the rule that keeps `vscode` out of the layers that must not
// depend on it (SWF access, rules, sandbox).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '*.vsix', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['src/ids.ts', 'src/common/**/*.ts', 'src/swf/**/*.ts', 'src/history/**/*.ts', 'src/claims/**/*.ts', 'src/inbox/**/*.ts', 'src/answers/**/*.ts', 'src/validation/**/*.ts', 'src/executions/**/*.ts', 'src/sandbox/**/*.ts', 'src/connection/**/*.ts', 'src/tree/format.ts', 'src/tree/registryNodes.ts', 'src/webview/**/*.ts', 'src/schemaValidator/**/*.ts', 'src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer must not depend on VS Code: keep it testable in plain Node.' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
