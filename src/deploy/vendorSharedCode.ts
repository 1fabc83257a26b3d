import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// HubSpot builds each UI extension (the cards, the pages) from its own folder: a relative import
// that leaves the folder works locally but fails at build time (HubSpot's lint rule
// no-parent-imports). The repository shares the domain's labels and the handlers' types with
// the cards by relative imports, so the assembled project gives each extension a copy of what it
// imports under <extension>/shared/ (the files keep their paths relative to src/, so their own
// imports between them still resolve) and points the extension's imports at the copy.

const IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;
const SOURCE = /\.(tsx?|jsx?)$/;

/** The file a relative import names (the sources are .ts/.tsx behind .js specifiers). */
function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

const inside = (dir: string, file: string) => file === dir || file.startsWith(dir + sep);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'shared' ? [] : sourceFiles(path);
    return SOURCE.test(e.name) ? [path] : [];
  });
}

/**
 * Gives the extension at `extensionDir` (inside the assembled project's src/) a copy of every file
 * outside it that it imports, directly or through other such files, and rewrites its own imports
 * to the copies. `srcDir` is the repository's src/, where the originals are read. Returns the
 * copied files, relative to src/. Run it for an extension before any other extension whose files
 * it imports is rewritten (the pages before the cards).
 */
export function vendorSharedCode(extensionDir: string, srcDir: string, assembledSrcDir: string): string[] {
  const sharedDir = join(extensionDir, 'shared');
  const copied = new Set<string>();
  const queue: string[] = [];
  const originalOf = (assembledFile: string) => join(srcDir, relative(assembledSrcDir, assembledFile));
  const extensionInRepo = originalOf(extensionDir);

  for (const file of sourceFiles(extensionDir)) {
    const original = originalOf(file);
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(IMPORT, (whole, lead: string, quote: string, spec: string) => {
      const target = resolveImport(original, spec);
      if (!target || inside(extensionInRepo, target)) return whole;
      queue.push(target);
      const copy = join(sharedDir, relative(srcDir, target));
      let next = relative(dirname(file), copy).split(sep).join('/').replace(/\.tsx?$/, '.js');
      if (!next.startsWith('.')) next = `./${next}`;
      return `${lead}${quote}${next}${quote}`;
    });
    if (rewritten !== text) writeFileSync(file, rewritten);
  }

  while (queue.length) {
    const target = queue.pop()!;
    const rel = relative(srcDir, target);
    if (copied.has(rel)) continue;
    copied.add(rel);
    const copy = join(sharedDir, rel);
    mkdirSync(dirname(copy), { recursive: true });
    // What the assembly already wrote (another extension's files, a deployment's backend config) wins over the repository's.
    const assembled = join(assembledSrcDir, rel);
    cpSync(existsSync(assembled) ? assembled : target, copy);
    for (const m of readFileSync(target, 'utf8').matchAll(IMPORT)) {
      const next = resolveImport(target, m[3]!);
      if (next && !copied.has(relative(srcDir, next))) queue.push(next);
    }
  }
  return [...copied].sort();
}
