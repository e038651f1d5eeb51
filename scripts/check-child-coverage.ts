/**
 * Proves that coverage includes code that runs only inside child processes: child-main.ts runs in no
 * parent, so its lines show hits only when the children's NODE_V8_COVERAGE output was collected.
 * Run after c8 has written reports/coverage/lcov.info: `npm test` runs it as its posttest step.
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../test-support/repo-paths.js';

const CHILD_ONLY = 'reference/src/process/child-main.ts';
const MARKER = 'adoptIdentity(message.name';

const lcov = readFileSync(repoPath('reports', 'coverage', 'lcov.info'), 'utf8');
// Source-mapped: c8 names the TypeScript source even though the compiled .tmp/js tree ran.
const record = lcov.split('end_of_record').find((r) => r.includes(`SF:`) && r.includes(CHILD_ONLY));
if (record === undefined) throw new Error(`${CHILD_ONLY} is missing from lcov.info`);
const source = readFileSync(repoPath(CHILD_ONLY), 'utf8').split('\n');
const line = source.findIndex((text) => text.includes(MARKER)) + 1;
const hits = Number(new RegExp(`^DA:${line},(\\d+)`, 'm').exec(record)?.[1] ?? 0);
if (hits === 0) {
  console.error(`${CHILD_ONLY}:${line} (runs only in a child) has no hits: child coverage was not collected`);
  process.exit(1);
}
console.log(`child-only line ${CHILD_ONLY}:${line} ran ${hits} times under coverage: children are covered`);
