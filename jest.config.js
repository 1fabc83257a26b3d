// Two projects, as in twenty's split configs: fast unit tests (*.test.ts) and
// adapter tests against the fake HubSpot (*.int.test.ts).
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc, '^.+\\.cjs$': swc },
  // ESM in node_modules is transformed to CommonJS for jest: every .mjs file, and the
  // packages that ship ESM in .js files.
  transformIgnorePatterns: ['/node_modules/(?!(@hubspot/ui-extensions|msw|@mswjs|until-async|outvariant|strict-event-emitter|rettime|@apidevtools|tinyspy|@remote-ui|@electric-sql)/).+\\.c?js$'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // Sources import './x.js' (NodeNext); jest resolves those to the .ts files.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // One React for the cards and @hubspot/ui-extensions' renderer (the root has React 19 for the
    // HubSpot CLI's terminal UI; cards are React 18, as HubSpot builds them).
    '^react$': '<rootDir>/node_modules/@hubspot/ui-extensions/node_modules/react',
    '^react/(.*)$': '<rootDir>/node_modules/@hubspot/ui-extensions/node_modules/react/$1',
  },
};

export default {
  // Integration suites start an embedded Postgres (PGlite) and talk HTTP: a busy 2-core machine may
  // take seconds where an idle one takes milliseconds, so the limit is generous (a hang still fails).
  testTimeout: 120_000,
  // Says once whether HubSpot's contract check runs (a bare clone has no ../shared beside it).
  globalSetup: '<rootDir>/test/support/contractNotice.cjs',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'], testPathIgnorePatterns: ['\\.int\\.test\\.', '\\.e2e\\.test\\.'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int.test.ts'] },
    // The local portal in a real browser (npm run test:e2e; CI installs Debian's chromium).
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.test.ts'] },
  ],
};
