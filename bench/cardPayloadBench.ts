import { build } from 'esbuild';
import { join } from 'node:path';

export interface PayloadRow {
  what: string;
  bytes: number;
}

/** The size of each card bundle as HubSpot would build it (esbuild, minified; React and ui-extensions external as HubSpot provides them). */
export async function cardPayloadBench(root: string): Promise<PayloadRow[]> {
  const rows: PayloadRow[] = [];
  for (const [what, entry] of [
    ['contact card bundle', 'src/app/cards/ContactHandoffCard.tsx'],
    ['deal origin card bundle', 'src/app/cards/DealOriginCard.tsx'],
    ['app pages bundle (health and policy)', 'src/app/pages/Pages.tsx'],
  ] as const) {
    const r = await build({ entryPoints: [join(root, entry)], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', jsx: 'automatic', external: ['react', 'react/*', '@hubspot/ui-extensions', '@hubspot/ui-extensions/*'], logLevel: 'silent' });
    rows.push({ what, bytes: r.outputFiles[0]!.contents.byteLength });
  }
  return rows;
}
