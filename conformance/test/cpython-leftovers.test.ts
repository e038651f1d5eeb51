/**
 * Nothing a CPython session made stays behind once it is closed: no named semaphore in /dev/shm (`sem.mp-*`, which
 * spawn and forkserver make for every Queue and Pool, and which piled up by the thousand when sessions ended by
 * SIGKILL), no pymp-* or multiproc-* entry in the temp dir. A few representative rules run under spawn (the
 * method that names semaphores) and forkserver (which also makes a pymp-* dir for its socket): a pool left open,
 * a queue; then a child that ends abruptly (os._exit) while it hosts a queue of its own, whose
 * semaphores only the adapter's sweep removes (the driver's finalizers see the driver's objects only).
 *
 * Other test files make semaphores at the same time, so the check is by this run's own names: each session's
 * driver names its semaphores with the prefix the adapter gave it (leftovers.ts), read here from the driver's
 * environment. The temp dir is this file's own (TMPDIR, set before anything runs), so anything left there is ours.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { cpythonImplementation, type StartMethod } from '../adapters/cpython/index.js';
import { SEMPREFIX_ENV } from '../adapters/cpython/leftovers.js';
import type { Implementation, Session } from '../harness/implementation.js';
import { loadRules } from '../harness/load-rules.js';
import { runRule } from '../harness/run-rule.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { python3Missing, withSessionOf } from './python3.js';

assertNoOrphans(test);

// Before any session opens: the driver (Python's tempfile) and the harness (os.tmpdir()) both read TMPDIR.
const privateTmp = mkdtempSync(join(tmpdir(), 'leftovers-test-'));
process.env['TMPDIR'] = privateTmp;
test.after.always(() => rmSync(privateTmp, { recursive: true, force: true }));

/**
 * Two of the rules that left semaphores every time they ran alone under spawn before the fix (20 pool rules left 6
 * each, some queue rules 3), and a pymp-* dir under forkserver: fast ones.
 */
const RULES = [
  'pool.map.chunksize-below-one-gives-nones', // a pool the rule leaves open: the session's close() ends it
  'queue.close.then-put-fails', // a queue
] as const;

/** How long cleanup may take once a session is closed: the driver's finalizers, then the adapter's sweep. */
const SETTLE_MS = 5_000;

/** The semaphores in /dev/shm named with `prefix` (Python's name `/mp-x-y` is the file `sem.mp-x-y`). */
function semaphoresOf(prefix: string): string[] {
  return readdirSync('/dev/shm').filter((entry) => entry.startsWith(`sem.${prefix.slice(1)}-`));
}

/** The pymp-* and multiproc-* entries of the private temp dir. */
function tempLeftovers(): string[] {
  return readdirSync(privateTmp).filter((entry) => /^(pymp-|multiproc-)/.test(entry));
}

interface Seen {
  /** The semaphore prefix of each session opened. */
  readonly prefixes: string[];
  /** Semaphores of the session present just before its close(): proof that the names are the ones checked. */
  whileOpen: number;
}

/** `implementation`, with each session's semaphore prefix recorded (from its driver's environment). */
function watched(implementation: Implementation, seen: Seen): Implementation {
  return {
    ...implementation,
    async open(): Promise<Session> {
      const session = await implementation.open();
      const { pid } = await session.currentProcess();
      const variable = readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .find((entry) => entry.startsWith(`${SEMPREFIX_ENV}=`));
      const prefix = variable?.slice(SEMPREFIX_ENV.length + 1) ?? '/mp';
      seen.prefixes.push(prefix);
      const close = session.close.bind(session);
      session.close = async () => {
        seen.whileOpen += semaphoresOf(prefix).length;
        await close();
      };
      return session;
    },
  };
}

/** Waits (bounded) until `leftovers()` is empty; returns what is left then. */
async function settled(leftovers: () => string[]): Promise<string[]> {
  const deadline = Date.now() + SETTLE_MS;
  let left = leftovers();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = leftovers();
  }
  return left;
}

for (const startMethod of ['spawn', 'forkserver'] as const satisfies readonly StartMethod[]) {
  // Serial: the temp dir is shared by this file's tests, and each checks it is empty after its own sessions.
  test.serial(`cpython:${startMethod}: closed sessions leave no semaphore in /dev/shm and nothing in the temp dir`, async (t) => {
    const missing = python3Missing();
    if (missing !== undefined || process.platform !== 'linux') {
      t.log(`skipped: ${missing ?? 'named semaphores live in /dev/shm on Linux only'}`);
      t.pass();
      return;
    }
    const rules = (await loadRules()).filter((rule) => (RULES as readonly string[]).includes(rule.id));
    t.is(rules.length, RULES.length, 'every rule of the list exists');
    const seen: Seen = { prefixes: [], whileOpen: 0 };
    const implementation = watched(cpythonImplementation({ startMethod }), seen);
    for (const rule of rules) {
      const result = await runRule(implementation, rule);
      t.not(result.status, 'fail', `${rule.id}: ${result.reason ?? ''}`);
    }
    t.true(seen.prefixes.length >= rules.length, 'a session per rule');
    t.false(seen.prefixes.includes('/mp'), "each driver names its semaphores with its session's own prefix");
    t.true(seen.whileOpen > 0, 'the sessions made semaphores under those names, which the check below looks for');
    const left = await settled(() => seen.prefixes.flatMap(semaphoresOf));
    t.deepEqual(left, [], `semaphores left in /dev/shm ${SETTLE_MS} ms after the sessions closed`);
    t.deepEqual(await settled(tempLeftovers), [], `entries left in ${privateTmp}`);
  });
}

for (const startMethod of ['spawn', 'forkserver'] as const satisfies readonly StartMethod[]) {
  test.serial(`cpython:${startMethod}: a child that exits abruptly hosting its own queue leaves nothing once the session is closed`, async (t) => {
    if (process.platform !== 'linux') {
      t.log('skipped: named semaphores live in /dev/shm on Linux only');
      t.pass();
      return;
    }
    const seen: Seen = { prefixes: [], whileOpen: 0 };
    await withSessionOf(t, watched(cpythonImplementation({ startMethod }), seen), async (session) => {
      // tasks.py hostQueueThenExit: the child makes a Queue, hands it to a grandchild that gets twice, and leaves by
      // os._exit once the first item is taken: no finalizer runs there. The grandchild still waits in its second get
      // when the session closes: it holds the resource tracker's pipe open, so the tracker, killed with the process
      // group, never unlinks the child's semaphores. Under forkserver the child also started a forkserver of its own,
      // whose socket is in the child's pymp-* dir.
      const host = await session.createProcess({ target: 'hostQueueThenExit', args: [join(privateTmp, 'got.json'), 30_000] });
      await host.start();
      await host.join(20_000);
      t.is(await host.exitCode(), 0, 'the host ended');
      t.true(semaphoresOf(seen.prefixes[0]!).length >= 2, "the child's queue is in /dev/shm under the session's prefix");
    });
    if (seen.prefixes.length === 0) return; // python3 missing: withSessionOf said so.
    t.deepEqual(await settled(() => semaphoresOf(seen.prefixes[0]!)), [], `semaphores left in /dev/shm ${SETTLE_MS} ms after close()`);
    t.deepEqual(await settled(tempLeftovers), [], `entries left in ${privateTmp}`);
  });
}
