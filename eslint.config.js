// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'nlu-models/.cache/**',
      'test-output/**',
      'adapters/channels/messenger/request-shim/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // The package's index loads its prompts and a second Recognizers-Text (see bot/dialog-classes.ts).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'botbuilder-dialogs',
              allowTypeImports: true,
              message:
                'Import its classes from bot/dialog-classes.ts: the index costs about 300 ms of cold start.',
            },
          ],
        },
      ],
      'no-console': 'off',
    },
  },
  // Node 20's V8 gives every object made by `{ ...base, more }` a hidden class of its own (see bot/objects.ts).
  {
    files: ['bot/**/*.ts', 'adapters/**/*.ts', 'dialogs/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement:first-child + *',
          message:
            'A literal that starts with a spread and goes on gets a hidden class per object on Node 20: use withFields(base, {...}) from bot/objects.ts, or put the plain properties first.',
        },
      ],
    },
  },
  // The playground page's script runs in the browser, as is (no build step).
  {
    files: ['bot/playground/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { document: 'readonly', fetch: 'readonly', location: 'readonly', history: 'readonly' },
    },
  },
  // Dependencies point one way: dialogs -> bot, adapters -> bot/ports, bot/index.ts -> everything.
  {
    files: ['dialogs/**/*.ts'],
    rules: noImport(
      ['**/adapters/**', '@nlpjs/*', 'redis', '**/bot/nlu/**'],
      'Dialogs reach the bank and NLU only through bot/ ports.',
    ),
  },
  {
    files: ['adapters/**/*.ts'],
    rules: noImport(['**/dialogs/**', '@nlpjs/*'], 'Adapters depend on bot/ports and bot/ helpers only.'),
  },
  {
    files: ['bot/**/*.ts'],
    ignores: ['bot/index.ts', 'bot/main.ts', 'bot/cli/**', 'bot/nlu/**'],
    rules: noImport(
      ['**/adapters/**', '@nlpjs/*'],
      'Only bot/index.ts wires concrete adapters; only bot/nlu imports @nlpjs.',
    ),
  },
  {
    files: ['bot/nlu/**/*.ts'],
    rules: noImport(['**/adapters/**'], 'The NLU does not know the adapters.'),
  },
);
