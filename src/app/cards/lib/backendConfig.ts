/**
 * Which backend the cards use. Committed as app functions; `npm run deploy` with
 * HANDOFF_CARD_BACKEND=fetch rewrites this (in the assembled copy only) to the server's URL.
 */
export type BackendConfig = { kind: 'serverless' } | { kind: 'fetch'; baseUrl: string };

export const BACKEND: BackendConfig = { kind: 'serverless' };
