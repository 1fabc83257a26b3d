/** The child's side of `inOwnProcess`: runs the named benchmark with the default policy and prints its result as one line of JSON. */
import { resolve } from 'node:path';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';
import { importBench, importPolicy } from './importBench.js';
import { burstBench, type BurstOptions } from './burstBench.js';

const [bench, options] = process.argv.slice(2);
const loaded = loadPolicyFile(resolve('handoff.policy.yaml'));
if (!loaded.ok) throw new Error('the default policy is invalid');
const result =
  bench === 'import'
    ? await importBench(importPolicy(loaded.value), JSON.parse(options ?? '{}') as Parameters<typeof importBench>[1])
    : bench === 'burst'
      ? await burstBench(loaded.value, JSON.parse(options ?? '{}') as BurstOptions)
      : undefined;
if (!result) throw new Error(`no benchmark named ${bench ?? '(none)'} runs in its own process`);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
