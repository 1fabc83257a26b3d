import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/policyFixtures.js';

/**
 * The domain core must run in a HubSpot card (no window, no Node) and in Node: the lint
 * rule in eslint.config.js forbids it to import HubSpot, React or Node, or to read the
 * environment or the clock. These cases prove the rule fails the build when broken.
 */
const CASES: Record<string, { code: string; filePath: string }> = {};
let results: Record<string, string[]> = {};

/** Lint snippets with the project's real ESLint config, in a child Node (ESLint loads its config with import()). */
function lintAll(): Record<string, string[]> {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = {};
    for (const [k, c] of Object.entries(cases)) {
      const [r] = await eslint.lintText(c.code, { filePath: c.filePath });
      out[k] = r.messages.map((m) => m.message);
    }
    console.log(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(CASES)], { cwd: ROOT, encoding: 'utf8' })) as Record<string, string[]>;
}
const inDomain = (code: string) => ({ code, filePath: join(ROOT, 'src/domain/handoff/example.ts') });

const FORBIDDEN: [string, string][] = [
    ["import { Client } from '@hubspot/api-client';\nexport const c = Client;", 'HubSpot belongs in src/hubspot'],
    ["import * as React from 'react';\nexport const r = React;", 'React belongs in the cards'],
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no Node built-ins'],
    ["import { readFileSync } from 'fs';\nexport const f = readFileSync;", 'no Node built-ins'],
    ["import { createHash } from 'crypto';\nexport const h = createHash;", 'no Node built-ins'],
    ['export const token = process.env.PRIVATE_APP_ACCESS_TOKEN;', 'must not read process'],
    ['export const now = new Date();', 'must not read the clock'],
    ['export const now = Date.now();', 'must not read the clock'],
];
FORBIDDEN.forEach(([code], i) => (CASES[`forbidden${i}`] = inDomain(code)));
CASES.pure = inDomain("import { DateTime } from 'luxon';\nexport const d = (iso: string) => DateTime.fromISO(iso).plus({ hours: 1 }).toJSDate();\nexport const e = new Date(0);");
CASES.fakeUsesDomain = { code: "import { qualify } from '../domain/qualification/qualify.js';\nexport const q = qualify;", filePath: join(ROOT, 'src/fake-hubspot/example.ts') };
CASES.handlerUsesServer = { code: "import { createServerApp } from '../server/serverApp.js';\nexport const s = createServerApp;", filePath: join(ROOT, 'src/handlers/example.ts') };
CASES.handlerUsesAdapter = { code: "import { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';\nexport const g = HubSpotCrmGateway;", filePath: join(ROOT, 'src/handlers/example.ts') };
CASES.handlerUsesPort = { code: "import type { CrmGateway } from '../hubspot/crmGateway.js';\nimport type { HandoffLedger } from '../ledger/ledger.js';\nexport type P = [CrmGateway, HandoffLedger];", filePath: join(ROOT, 'src/handlers/example.ts') };
CASES.domainUsesLedger = inDomain("import type { HandoffLedger } from '../../ledger/ledger.js';\nexport type L = HandoffLedger;");
CASES.ledgerUsesAdapter = { code: "import type { EventSummary } from '../hubspot/contactRecord.js';\nexport type E = EventSummary;", filePath: join(ROOT, 'src/ledger/example.ts') };
CASES.ledgerUsesHandler = { code: "import { routeLead } from '../handlers/routeLead.js';\nexport const r = routeLead;", filePath: join(ROOT, 'src/ledger/example.ts') };
CASES.ledgerUsesDomain = { code: "import type { EventSummary, RoutingLoad } from '../domain/index.js';\nimport type { Effect } from './effects.js';\nexport type E = [EventSummary, RoutingLoad, Effect];", filePath: join(ROOT, 'src/ledger/example.ts') };
CASES.outside = { code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", filePath: join(ROOT, 'src/cli/example.ts') };

describe('src/domain boundary (eslint)', () => {
  beforeAll(() => {
    results = lintAll();
  });

  it.each(FORBIDDEN.map(([code, message], i) => [code, message, i] as const))('rejects %j', (_code, message, i) => {
    expect(results[`forbidden${i}`]!.some((m) => m.includes(message))).toBe(true);
  });

  it('allows pure code, libraries and dates built from values', () => {
    expect(results.pure).toEqual([]);
  });

  it('the fake HubSpot may not depend on the domain', () => {
    expect(results.fakeUsesDomain!.some((m) => m.includes('src/fake-hubspot stands alone'))).toBe(true);
  });

  it('handlers may not import a host or an adapter implementation, and may import the ports', () => {
    expect(results.handlerUsesServer!.some((m) => m.includes('src/handlers is host-agnostic'))).toBe(true);
    expect(results.handlerUsesAdapter!.some((m) => m.includes('src/handlers is host-agnostic'))).toBe(true);
    expect(results.handlerUsesPort).toEqual([]);
  });

  it('the domain may not depend on storage', () => {
    expect(results.domainUsesLedger!.some((m) => m.includes('src/domain must not depend on adapters, storage or hosts'))).toBe(true);
  });

  it('the ledger may not import the HubSpot adapter or a handler, and may import the domain and its own modules', () => {
    expect(results.ledgerUsesAdapter!.some((m) => m.includes('src/ledger is storage'))).toBe(true);
    expect(results.ledgerUsesHandler!.some((m) => m.includes('src/ledger is storage'))).toBe(true);
    expect(results.ledgerUsesDomain).toEqual([]);
  });

  it('the same rule does not apply outside src/domain', () => {
    expect(results.outside).toEqual([]);
  });

  it('no file under src/domain names a forbidden import today (belt and braces with the lint run)', () => {
    const files: string[] = [];
    const walk = (dir: string) => readdirSync(dir).forEach((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : files.push(join(dir, f))));
    walk(join(ROOT, 'src/domain'));
    const offenders = files.filter((f) => /from ['"](@hubspot\/|react|node:|fs['"]|http['"]|path['"]|os['"])|process\.env|new Date\(\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
