/**
 * `node scripts/copy-conformance-assets.mjs OUT`: copies the suite's files that are not modules (CPython's driver and
 * task catalog) next to its compiled modules in OUT (.tmp/js/conformance for the tests, dist/conformance for the
 * package), because the CPython adapter finds them beside itself, wherever the suite is installed.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: node scripts/copy-conformance-assets.mjs OUT_DIR');
const from = 'conformance/adapters/cpython';
mkdirSync(join(out, 'adapters', 'cpython'), { recursive: true });
for (const file of readdirSync(from).filter((name) => name.endsWith('.py'))) copyFileSync(join(from, file), join(out, 'adapters', 'cpython', file));
