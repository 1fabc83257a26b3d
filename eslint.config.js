import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// The domain core runs in HubSpot cards (no window, no Node) and in Node functions:
// it may import nothing from HubSpot, React or Node, and must not read the environment
// or the wall clock. The clock and the time zone are injected.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
export const domainBoundary = {
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({ name, message: 'src/domain is pure: no Node built-ins (inject what you need through a port).' })),
      patterns: [
        { group: ['@hubspot/*'], message: 'src/domain is pure: HubSpot belongs in src/hubspot (an adapter).' },
        { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'src/domain is pure: React belongs in the cards.' },
        { group: ['node:*'], message: 'src/domain is pure: no Node built-ins (inject what you need through a port).' },
        { group: ['**/hubspot/*', '**/ledger/*', '**/handlers/*', '**/queue/*', '**/cli/*', '**/server/*', '**/portal/*', '**/fake-hubspot/*'], message: 'src/domain must not depend on adapters, storage or hosts.' },
      ],
    },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[object.name='process']", message: 'src/domain must not read process (env, argv...): pass configuration in.' },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain must not read the clock: take `now` as a parameter.' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/domain must not read the clock: take `now` as a parameter.' },
    { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: 'src/domain must not read the clock: take `now` as a parameter.' },
  ],
};

/** A folder's rule: none of these imports, and why, in the words a developer reads when one slips in. */
function importsBarred(group, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] };
}

// The fake HubSpot stands in for HubSpot, not for Handoff: it must not know the app's domain,
// and the app's production code must reach it only over HTTP (never import it).
export const fakeHubSpotBoundary = {
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: ['**/domain/*', '**/domain', '**/cli/*', '**/hubspot/*'], message: 'src/fake-hubspot stands alone: it must not depend on the app (domain, adapters, CLI).' }] },
  ],
};

// Handlers are host-agnostic: they reach HubSpot and the ledger through their ports (and the
// record↔properties mapping), never a host (server, app functions, CLI, local portal), the queue
// that runs them, the fake, or an adapter's implementation.
export const handlersBoundary = importsBarred(
  ['**/server/*', '**/functions/*', '**/cli/*', '**/portal/*', '**/queue/*', '**/fake-hubspot/*', '**/fake-hubspot/**', '**/hubspot/hubspotCrmGateway*', '**/hubspot/hubspotClient*', '**/hubspot/setup*', '**/ledger/sqlLedger*', '**/ledger/openLedger*'],
  'src/handlers is host-agnostic: import the ports (hubspot/crmGateway, ledger/ledger), the record mapping and the domain, never a host, the queue, the fake or an adapter implementation.',
);

// The ledger is storage: it keeps the domain's records and Handoff's own shapes (effects, deliveries),
// and knows nothing of HubSpot's API, the handlers that use it or the hosts that run them.
export const ledgerBoundary = importsBarred(
  ['**/hubspot/*', '**/handlers/*', '**/handlers/**', '**/queue/*', '**/server/*', '**/cli/*', '**/portal/*', '**/functions/*', '**/fake-hubspot/*', '**/fake-hubspot/**', '@hubspot/*', 'react'],
  'src/ledger is storage: it may import the domain and its own modules, never HubSpot (the adapter or its SDK), a handler or a host.',
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.handoff/**', 'src/app/**/node_modules/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['test/**/*.ts', 'test/**/*.tsx'], languageOptions: { globals: { ...globals.jest } } },
  // Jest's globalSetup is plain CommonJS (it runs before any transform).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['src/domain/**/*.ts'], ignores: ['src/domain/**/*.test.ts'], rules: domainBoundary },
  { files: ['src/fake-hubspot/**/*.ts'], rules: fakeHubSpotBoundary },
  { files: ['src/handlers/**/*.ts'], rules: handlersBoundary },
  { files: ['src/ledger/**/*.ts'], rules: ledgerBoundary },
);
