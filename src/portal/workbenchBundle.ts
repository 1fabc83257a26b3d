import { build, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

export interface WorkbenchBundle {
  js: string;
  bytes: number;
}

/**
 * Bundles the workbench page with the real card and home page sources. Two swaps, at bundle time
 * only: `@hubspot/ui-extensions` becomes the workbench's local components (typed against the
 * package's props, so the cards type-check against HubSpot's own types), and the cards' backend
 * config points at the self-hosted server through `hubspot.fetch`, as a deploy with
 * HANDOFF_CARD_BACKEND=fetch does. React and React DOM 18 come from one copy (HubSpot renders cards with React 18).
 */
export async function bundleWorkbench(root: string, serverUrl: string): Promise<WorkbenchBundle> {
  const workbench = resolve(root, 'src/portal/workbench');
  const fromWorkbench = createRequire(resolve(workbench, 'package.json'));
  const reactDir = dirname(fromWorkbench.resolve('react/package.json'));
  const reactDomDir = dirname(fromWorkbench.resolve('react-dom/package.json'));
  const swaps: Plugin = {
    name: 'handoff-workbench-swaps',
    setup(b) {
      b.onResolve({ filter: /^@hubspot\/ui-extensions$/ }, () => ({ path: resolve(workbench, 'ui/index.ts') }));
      b.onResolve({ filter: /^@hubspot\/ui-extensions\/pages$/ }, () => ({ path: resolve(workbench, 'ui/pages.tsx') }));
      b.onResolve({ filter: /^react(\/.*)?$/ }, (args) => ({ path: fromWorkbench.resolve(args.path.replace(/^react/, reactDir)) }));
      b.onResolve({ filter: /^react-dom(\/.*)?$/ }, (args) => ({ path: fromWorkbench.resolve(args.path.replace(/^react-dom/, reactDomDir)) }));
      // @sinonjs/fake-timers requires Node's util only when `process` exists, which it does not in a browser.
      b.onResolve({ filter: /^util$/ }, () => ({ path: 'util', namespace: 'empty' }));
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      b.onLoad({ filter: /[\\/]app[\\/]cards[\\/]lib[\\/]backendConfig\.ts$/ }, () => ({
        loader: 'ts',
        contents: `export type BackendConfig = { kind: 'serverless' } | { kind: 'fetch'; baseUrl: string };\nexport const BACKEND: BackendConfig = { kind: 'fetch', baseUrl: ${JSON.stringify(serverUrl)} };\n`,
      }));
    },
  };
  const result = await build({
    entryPoints: [resolve(workbench, 'app/main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [swaps],
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.text;
  return { js, bytes: Buffer.byteLength(js) };
}
