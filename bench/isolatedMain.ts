/** The child's side of `inOwnProcess`: runs the named benchmark with the default policy and prints its result as one line of JSON. */
import { resolve } from 'node:path';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';
import { importBench, importPolicy } from './importBench.js';

const [bench, options] = process.argv.slice(2);
const loaded = loadPolicyFile(resolve('handoff.policy.yaml'));
if (!loaded.ok) throw new Error('the default policy is invalid');
if (bench !== 'import') throw new Error(`no benchmark named ${bench ?? '(none)'} runs in its own process`);
const result = await importBench(importPolicy(loaded.value), JSON.parse(options ?? '{}') as Parameters<typeof importBench>[1]);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
