import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/policyFixtures.js';

/**
 * `npm test` runs `npm run check:cycles` (madge over src/, type-only imports included): no module
 * of Handoff imports one that imports it back. These cases prove the check fails on a cycle.
 */
const checkCycles = (...extra: string[]) => spawnSync('npm', ['run', '-s', 'check:cycles', '--', ...extra], { cwd: ROOT, encoding: 'utf8' });

describe('the circular-import check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-cycle-'));
    // Two modules that import each other, one of them for a type only (as businessCalendar and calendarCache did).
    writeFileSync(join(dir, 'calendar.ts'), "import { windowOf } from './calendarCache.js';\nexport const calendar = () => windowOf();\n");
    writeFileSync(join(dir, 'calendarCache.ts'), "import type { calendar } from './calendar.js';\nexport const windowOf = (): ReturnType<typeof calendar> | undefined => undefined;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails, naming both files, when two modules import each other', () => {
    const run = checkCycles(dir);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/calendar\.ts > \S*calendarCache\.ts/);
  });

  it('passes on src/ as it is', () => {
    const run = checkCycles();
    expect(run.stderr + run.stdout).toContain('No circular dependency found');
    expect(run.status).toBe(0);
  });
});
