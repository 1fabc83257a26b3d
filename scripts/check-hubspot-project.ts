/** `npm run check:project [DIR]`: the offline HubSpot project check, as JSON and an exit code. */
import { resolve } from 'node:path';
import { checkProject } from '../src/hubspot-project/checkProject.js';

const dir = resolve(process.argv[2] ?? '.');
try {
  const result = await checkProject(dir);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exitCode = result.problems.length === 0 ? 0 : 1;
} catch (e) {
  process.stdout.write(`${JSON.stringify({ problems: [(e as Error).message], components: [] }, null, 2)}\n`);
  process.exitCode = 1;
}
