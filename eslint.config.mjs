import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through AppConfig (apps/service/src/config).',
        },
      ],
    },
  },
  {
    files: ['apps/service/src/config/**', 'test/**', 'bench/**', 'devices-sim/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The dashboard's ES modules run in the browser, without a build step.
    files: ['apps/service/src/dashboard/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'document',
          'window',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'fetch',
          'EventSource',
          'Node',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'requestAnimationFrame',
          'URLSearchParams',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
