import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import type { Ajv } from 'ajv';
import type { Exchange } from '../../src/fake-hubspot/fakeHubSpot.js';
import { ROOT } from './policyFixtures.js';

/**
 * HubSpot's own OpenAPI documents, read from ../shared/hubspot-openapi (HUBSPOT_OPENAPI_DIR
 * overrides), loaded into openapi-backend. Every exchange with the fake is matched to an
 * operation and its request and response validated against the published schemas.
 */
export const OPENAPI_DIR = resolve(process.env.HUBSPOT_OPENAPI_DIR ?? join(ROOT, '..', 'shared', 'hubspot-openapi'));

// Object-specific documents first: their paths are more precise than objects.json's {objectType}.
const ORDER = ['contacts', 'companies', 'deals', 'notes', 'tasks', 'leads', 'pipelines', 'properties', 'crmOwners', 'associations', 'accountInfo', 'actionsV4', 'objects'];
/** The numbered documents at the top of the folder, then the date-based 2026-03 ones (named "2026-03/contacts" and so on). */
const FOLDERS = ['', '2026-03'];

export interface ContractViolation {
  route: string;
  status: number;
  where: 'request' | 'response' | 'route';
  errors: string[];
}

export interface HubSpotContract {
  /** False when HubSpot's documents are not beside the project: nothing is checked (a bare clone). */
  readonly available: boolean;
  check(exchange: Exchange): ContractViolation[];
  /** Operations that were matched at least once (what the contract tests covered). */
  covered: Set<string>;
}

let loaded: Promise<HubSpotContract> | undefined;

export function loadHubSpotContract(): Promise<HubSpotContract> {
  loaded ??= load();
  return loaded;
}

/** CI sets this: there the documents must be present, and their absence fails the run. */
const REQUIRED = process.env.HANDOFF_REQUIRE_CONTRACT === '1';
/** Whether HubSpot's documents are here; when not, the contract assertions skip (test/support/contractNotice.cjs says so once). */
export const CONTRACT_AVAILABLE = existsSync(OPENAPI_DIR);

async function load(): Promise<HubSpotContract> {
  if (!existsSync(OPENAPI_DIR)) {
    const why = `HubSpot's OpenAPI documents are not at ${OPENAPI_DIR} (../shared/hubspot-openapi beside the project, or HUBSPOT_OPENAPI_DIR)`;
    if (REQUIRED) throw new Error(`${why}, and HANDOFF_REQUIRE_CONTRACT=1 requires them.`);
    return { available: false, covered: new Set(), check: () => [] };
  }
  const apis: { name: string; api: OpenAPIBackend }[] = [];
  const documents = FOLDERS.flatMap((folder) => {
    const dir = join(OPENAPI_DIR, folder);
    if (!existsSync(dir)) return [];
    const files = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')));
    return ORDER.filter((n) => files.has(n)).map((n) => ({ name: folder ? `${folder}/${n}` : n, file: join(dir, `${n}.json`) }));
  });
  for (const { name, file } of documents) {
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    const api = new OpenAPIBackend({
      definition,
      quick: true,
      validate: true,
      ajvOpts: { strict: false, allErrors: true },
      customizeAjv: (ajv: Ajv) => {
        // ajv-formats is CommonJS: its plugin is both the module and its default export.
        addFormats.default(ajv);
        ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
        ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
        return ajv;
      },
    });
    await api.init();
    apis.push({ name, api });
  }
  const covered = new Set<string>();

  return {
    available: true,
    covered,
    check(exchange) {
      const url = new URL(exchange.url);
      const query = Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k).length > 1 ? url.searchParams.getAll(k) : url.searchParams.get(k)!]));
      const request = {
        method: exchange.method.toLowerCase(),
        path: url.pathname,
        query,
        headers: { 'content-type': 'application/json' },
        body: exchange.requestBody ? JSON.parse(exchange.requestBody) : undefined,
      };
      const match = apis.map(({ name, api }) => ({ name, api, operation: api.matchOperation(request) })).find((m) => m.operation);
      if (!match?.operation) return [{ route: exchange.route, status: exchange.status, where: 'route', errors: [`no operation in HubSpot's documents matches ${exchange.method} ${url.pathname}`] }];
      covered.add(`${match.name}:${match.operation.operationId}`);
      const violations: ContractViolation[] = [];
      const req = match.api.validateRequest(request, match.operation);
      if (!req.valid) violations.push({ route: exchange.route, status: exchange.status, where: 'request', errors: (req.errors ?? []).map(describe) });
      if (exchange.status !== 204 && exchange.responseBody) {
        const res = match.api.validateResponse(JSON.parse(exchange.responseBody), match.operation, exchange.status);
        if (!res.valid) violations.push({ route: exchange.route, status: exchange.status, where: 'response', errors: (res.errors ?? []).map(describe) });
      }
      return violations;
    },
  };
}

function describe(e: { instancePath?: string; message?: string; params?: unknown }): string {
  return `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`.trim();
}
