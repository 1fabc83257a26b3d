// HubSpot's recommended ESLint config for UI extensions (@hubspot/eslint-config-ui-extensions'
// "Full Recommended Config"), committed so `hs project lint` runs in CI without fetching it from
// GitHub. The assembled project (npm run deploy, npm run lint:hubspot-project) gets it as
// eslint.config.js beside its cards and pages, where HubSpot's linter reads it. Named otherwise
// here, so that the repository's own ESLint (eslint.config.js at the root) does not take it for
// this folder's config.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import unusedImports from 'eslint-plugin-unused-imports';
import prettier from 'eslint-config-prettier';
import { config as uiExtensionsConfig } from '@hubspot/eslint-config-ui-extensions';

export default defineConfig([
  // The code the assembled project copies in from the rest of Handoff (the repository's own lint checks it).
  { ignores: ['shared/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  tseslint.configs.stylistic,
  react.configs.flat.recommended,
  react.configs.flat['jsx-runtime'],
  { settings: { react: { version: 'detect' } } },
  ...uiExtensionsConfig,
  reactHooks.configs.flat['recommended-latest'],
  {
    plugins: { 'unused-imports': unusedImports },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      'unused-imports/no-unused-imports': 'error',
      'unused-imports/no-unused-vars': ['warn', { vars: 'all', varsIgnorePattern: '^_', args: 'after-used', argsIgnorePattern: '^_' }],
    },
  },
  prettier,
]);
