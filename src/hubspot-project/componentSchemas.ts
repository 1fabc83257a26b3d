import { z } from 'zod';

/**
 * Schemas for the `config` of each HubSpot project component type this project uses,
 * written from HubSpot's developer-platform reference (app configuration, 2026.03).
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

/** Internal component type (as HubSpot's parser reports it) → hsmeta `type`, folder and config schema. */
export const COMPONENT_TYPES: Record<string, { hsmetaType: string; dir: string; config: z.ZodType }> = {
  APPLICATION: { hsmetaType: 'app', dir: 'app', config: AppConfig },
};
