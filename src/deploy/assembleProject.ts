import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandoffPolicy } from '../domain/index.js';
import { APP_FUNCTIONS } from '../functions/index.js';
import { FUNCTION_SECRETS } from '../functions/functionHost.js';
import { checkProject, type ProjectCheck } from '../hubspot-project/checkProject.js';
import { WORKFLOW_ACTIONS } from '../server/workflowActions.js';
import { vendorSharedCode } from './vendorSharedCode.js';
import { WEBHOOK_SUBSCRIPTIONS, type WebhookSubscription } from '../queue/webhookEvents.js';

export interface AssembleOptions {
  /** The project root (hsproject.json, src/). */
  root: string;
  /** Where the deployable project is written (replaced). */
  outDir: string;
  /** The Handoff server's public https URL: workflow actions call it, cards may fetch it. */
  publicUrl: string;
  policy: HandoffPolicy;
  /** The policy as written (raw), baked into the function bundles. */
  rawPolicy: unknown;
  /** Cards call app functions (serverless, the default) or the server through hubspot.fetch. */
  cardBackend?: 'serverless' | 'fetch';
}

/**
 * Builds the project HubSpot uploads, outside git: the committed app (src/app), plus what depends
 * on the deployment — workflow actions pointing at the server's URL, that URL in the app's
 * permitted fetch URLs, and each app function bundled (with the policy) into one JS file. The
 * result is checked offline with HubSpot's own parser before anything is uploaded.
 */
export async function assembleProject(o: AssembleOptions): Promise<ProjectCheck> {
  const url = new URL(o.publicUrl);
  if (url.protocol !== 'https:') throw new Error(`HANDOFF_PUBLIC_URL: ${JSON.stringify(o.publicUrl)} must be an https:// URL (HubSpot calls only https)`);
  const base = o.publicUrl.replace(/\/+$/, '');
  rmSync(o.outDir, { recursive: true, force: true });
  mkdirSync(o.outDir, { recursive: true });
  cpSync(join(o.root, 'hsproject.json'), join(o.outDir, 'hsproject.json'));
  // HubSpot installs the cards' and pages' dependencies itself from their package.json.
  cpSync(join(o.root, 'src', 'app'), join(o.outDir, 'src', 'app'), { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('node_modules') });
  if (o.cardBackend === 'fetch') {
    writeFileSync(
      join(o.outDir, 'src', 'app', 'cards', 'lib', 'backendConfig.ts'),
      `// Written by npm run deploy (HANDOFF_CARD_BACKEND=fetch).\nexport type BackendConfig = { kind: 'serverless' } | { kind: 'fetch'; baseUrl: string };\n\nexport const BACKEND: BackendConfig = { kind: 'fetch', baseUrl: ${JSON.stringify(base)} };\n`,
    );
  }
  const appDir = join(o.outDir, 'src', 'app');
  // HubSpot builds each extension from its own folder: the code the cards and pages share with the
  // rest of Handoff (the domain's labels, the handlers' answer types) is copied into each.
  for (const extension of ['pages', 'cards']) {
    vendorSharedCode(join(appDir, extension), join(o.root, 'src'), join(o.outDir, 'src'));
    // HubSpot's linter (`hs project lint`) reads its ESLint config beside the extension's package.json.
    cpSync(join(o.root, 'src', 'hubspot-project', 'lint', 'ui-extensions.eslint.config.js'), join(appDir, extension, 'eslint.config.js'));
    const pkgPath = join(appDir, extension, 'package.json');
    writeJson(pkgPath, { ...(JSON.parse(readFileSync(pkgPath, 'utf8')) as object), type: 'module' });
  }

  const appMetaPath = join(appDir, 'app-hsmeta.json');
  const appMeta = JSON.parse(readFileSync(appMetaPath, 'utf8')) as { config: { permittedUrls?: { fetch?: string[] } } };
  appMeta.config.permittedUrls = { ...appMeta.config.permittedUrls, fetch: [base] };
  writeJson(appMetaPath, appMeta);

  mkdirSync(join(appDir, 'workflow-actions'), { recursive: true });
  for (const action of WORKFLOW_ACTIONS) {
    const inputFields = action.inputFields(o.policy) as { typeDefinition: { name: string; label?: string } }[];
    writeJson(join(appDir, 'workflow-actions', `${action.id}-hsmeta.json`), {
      uid: action.uid,
      type: 'workflow-action',
      config: {
        actionUrl: `${base}/hubspot/actions/${action.id}`,
        isPublished: true,
        supportedClients: [{ client: 'WORKFLOWS' }],
        objectTypes: ['CONTACT'],
        ...(action.objectProperties ? { objectRequestOptions: { properties: action.objectProperties(o.policy) } } : {}),
        inputFields,
        outputFields: action.outputFields.map((f) => ({ typeDefinition: { name: f.name, type: f.type, ...(f.options ? { options: f.options.map((v) => ({ value: v, label: v })) } : {}) } })),
        labels: {
          en: {
            actionName: action.name,
            actionDescription: action.description,
            appDisplayName: 'Handoff',
            inputFieldLabels: Object.fromEntries(inputFields.map((f) => [f.typeDefinition.name, f.typeDefinition.label ?? f.typeDefinition.name])),
            outputFieldLabels: Object.fromEntries(action.outputFields.map((f) => [f.name, f.label])),
          },
        },
      },
    });
  }

  // The events Handoff acts on, sent to the server's webhook route (the same list webhookAction decides on).
  mkdirSync(join(appDir, 'webhooks'), { recursive: true });
  const active = (subs: readonly WebhookSubscription[]) => subs.map((s) => ({ ...s, active: true }));
  writeJson(join(appDir, 'webhooks', 'webhooks-hsmeta.json'), {
    uid: 'handoff_webhooks',
    type: 'webhooks',
    config: {
      settings: { targetUrl: `${base}/hubspot/webhooks`, maxConcurrentRequests: 10 },
      subscriptions: { legacyCrmObjects: active(WEBHOOK_SUBSCRIPTIONS.legacyCrmObjects), crmObjects: active(WEBHOOK_SUBSCRIPTIONS.crmObjects) },
    },
  });

  const functionsDir = join(appDir, 'functions');
  mkdirSync(functionsDir, { recursive: true });
  for (const fn of APP_FUNCTIONS) {
    await build({
      entryPoints: [join(o.root, 'src', 'functions', fn.entry)],
      outfile: join(functionsDir, fn.file),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    writeJson(join(functionsDir, `${fn.file.replace(/\.js$/, '')}-hsmeta.json`), { uid: fn.uid, type: 'app-function', config: { entrypoint: `/app/functions/${fn.file}`, secretKeys: [...FUNCTION_SECRETS] } });
  }
  // HubSpot's parser requires a package.json beside app functions; the bundles need no dependencies.
  writeJson(join(functionsDir, 'package.json'), { name: 'handoff-app-functions', version: '1.0.0', private: true, description: 'Bundled by npm run deploy; no dependencies.', dependencies: {} });
  return checkProject(o.outDir);
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
