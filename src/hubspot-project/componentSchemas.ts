import { z } from 'zod';

/**
 * Schemas for the `config` of each HubSpot project component type this project uses,
 * written from HubSpot's developer-platform reference (app configuration, 2026.03 and 2026.09).
 * HubSpot's own parser fetches its schemas from the account at upload time; these
 * let the tests check the same files offline. A component type without a schema here
 * fails the check, so adding a new kind of component means adding its schema.
 */
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

const Scopes = z.array(z.string().regex(/^[a-z][a-z0-9_.-]+$/, { error: 'is not a HubSpot scope name' }));

export const AppConfig = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().min(1).max(8192),
    distribution: z.enum(['private', 'marketplace']),
    auth: z.strictObject({
      type: z.enum(['static', 'oauth']),
      redirectUrls: z.array(z.url()).optional(),
      requiredScopes: Scopes.min(1),
      optionalScopes: Scopes.default([]),
      conditionallyRequiredScopes: Scopes.default([]),
    }),
    permittedUrls: z
      .strictObject({ fetch: z.array(httpsUrl).default([]), iframe: z.array(httpsUrl).default([]), img: z.array(httpsUrl).default([]) })
      .optional(),
    support: z
      .strictObject({
        supportEmail: z.email().optional(),
        documentationUrl: httpsUrl.optional(),
        supportUrl: httpsUrl.optional(),
        supportPhone: z.string().optional(),
      })
      .optional(),
  })
  .refine((c) => c.auth.type !== 'oauth' || (c.auth.redirectUrls?.length ?? 0) > 0, { error: 'an oauth app needs auth.redirectUrls', path: ['auth', 'redirectUrls'] })
  .refine((c) => c.auth.type !== 'static' || c.distribution === 'private', { error: 'static auth is only for private distribution', path: ['auth', 'type'] });

/** An app function (2026.03): a JavaScript entry under /app/functions/ and the secrets it may read. */
export const AppFunctionConfig = z.strictObject({
  entrypoint: z.string().regex(/^\/app\/functions\/[\w./-]+\.(c?js|mjs)$/, { error: 'is a .js file under /app/functions/' }),
  secretKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'secret names are UPPER_SNAKE_CASE' })).default([]),
});

const FieldType = z.enum(['text', 'textarea', 'number', 'date', 'select', 'checkbox', 'radio', 'booleancheckbox', 'phonenumber']);
const PropertyType = z.enum(['string', 'number', 'bool', 'enumeration', 'date', 'datetime', 'phone_number']);
const Option = z.strictObject({ value: z.string().min(1), label: z.string().min(1), description: z.string().optional(), displayOrder: z.number().int().optional() });
const TypeDefinition = z
  .strictObject({ name: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'field names are lower_snake_case' }), type: PropertyType, fieldType: FieldType.optional(), label: z.string().optional(), options: z.array(Option).optional(), referencedObjectType: z.string().optional() })
  .refine((t) => t.type !== 'enumeration' || (t.options?.length ?? 0) > 0 || t.referencedObjectType !== undefined, { error: 'an enumeration field needs options' });

/** A custom workflow action (2026.03), as in HubSpot's custom workflow actions reference. */
export const WorkflowActionConfig = z.strictObject({
  actionUrl: httpsUrl,
  isPublished: z.boolean(),
  supportedClients: z.array(z.strictObject({ client: z.enum(['WORKFLOWS']) })).min(1),
  objectTypes: z.array(z.enum(['CONTACT', 'COMPANY', 'DEAL', 'TICKET'])).min(1),
  /** The enrolled object's properties HubSpot sends with each execution request (PublicObjectRequestOptions in actionsV4). */
  objectRequestOptions: z.strictObject({ properties: z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1) }).optional(),
  inputFields: z.array(z.strictObject({ typeDefinition: TypeDefinition, supportedValueTypes: z.array(z.enum(['STATIC_VALUE', 'OBJECT_PROPERTY', 'FIELD_DATA'])).min(1), isRequired: z.boolean() })).default([]),
  outputFields: z.array(z.strictObject({ typeDefinition: TypeDefinition })).default([]),
  labels: z.record(
    z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/),
    z.strictObject({
      actionName: z.string().min(1).max(80),
      actionDescription: z.string().max(1000).optional(),
      appDisplayName: z.string().optional(),
      actionCardContent: z.string().optional(),
      inputFieldLabels: z.record(z.string(), z.string()).optional(),
      outputFieldLabels: z.record(z.string(), z.string()).optional(),
      inputFieldDescriptions: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

/** An app card (2026.03 app cards reference): a React entry under /app/cards/ for CRM records. */
export const CardConfig = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(500).optional(),
  location: z.enum(['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar']),
  entrypoint: z.string().regex(/^\/app\/cards\/[\w./-]+\.(jsx|tsx)$/, { error: 'is a .jsx or .tsx file under /app/cards/' }),
  objectTypes: z.array(z.enum(['contacts', 'companies', 'deals', 'tickets'])).min(1),
});

/** App pages (2026.09 app pages reference: one entry whose router serves the app's pages), or the older app home page (location "home"). */
export const PageConfig = z.strictObject({
  entrypoint: z.string().regex(/^\/app\/pages\/[\w./-]+\.(jsx|tsx)$/, { error: 'is a .jsx or .tsx file under /app/pages/' }),
  location: z.literal('home').optional(),
});

const Subscription = z.strictObject({ subscriptionType: z.string().regex(/^[a-z_]+\.[a-zA-Z]+$/, { error: 'is a subscription type such as contact.propertyChange' }), objectType: z.string().optional(), propertyName: z.string().optional(), active: z.boolean() });

/** Webhook subscriptions (developer platform "configure webhooks"): where HubSpot sends events, and which. */
export const WebhooksConfig = z.strictObject({
  settings: z.strictObject({ targetUrl: httpsUrl, maxConcurrentRequests: z.number().int().min(5).max(1000) }),
  subscriptions: z.strictObject({ crmObjects: z.array(Subscription).optional(), legacyCrmObjects: z.array(Subscription).optional(), hubEvents: z.array(Subscription).optional() }),
});

/** Internal component type (as HubSpot's parser reports it) → hsmeta `type`, folder and config schema. */
export const COMPONENT_TYPES: Record<string, { hsmetaType: string; dir: string; config: z.ZodType }> = {
  APPLICATION: { hsmetaType: 'app', dir: 'app', config: AppConfig },
  CARD: { hsmetaType: 'card', dir: 'app/cards', config: CardConfig },
  PAGE: { hsmetaType: 'page', dir: 'app/pages', config: PageConfig },
  APP_FUNCTION: { hsmetaType: 'app-function', dir: 'app/functions', config: AppFunctionConfig },
  WORKFLOW_ACTION: { hsmetaType: 'workflow-action', dir: 'app/workflow-actions', config: WorkflowActionConfig },
  WEBHOOKS: { hsmetaType: 'webhooks', dir: 'app/webhooks', config: WebhooksConfig },
  // HubSpot's parser makes the package.json beside app functions a component of its own.
  SERVERLESS_PACKAGE: { hsmetaType: 'app-functions package', dir: 'app/functions', config: z.strictObject({ packageFile: z.literal('app/functions/package.json'), packageLockfile: z.string().optional() }) },
};
