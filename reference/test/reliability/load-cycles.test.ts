/**
 * Load held (issue 14): many start/stop cycles leave descriptors, listeners and children as they found them. A file
 * of its own: under `npm run soak`, 10,000 Process starts are the longest test, and run beside the others.
 */
import test from 'ava';
import { Pool, Process } from '../../src/index.js';
import { descendantsOf, assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, openDescriptors, report } from '../../../test-support/reliability.js';
import { PROMPT_MS, RUN_MS, sleep, within } from '../pool/helpers.js';
import { nothing, square as squareOnly } from './fixtures/cycle-task.js';

assertNoOrphans(test);

// Each Node process started here would spend ~90 ms of CPU reading these certificates (../shared/NOTES.md):
// thousands of starts measure the library, not the certificate store.
delete process.env['NODE_EXTRA_CA_CERTS'];

/** Every event of `process` with its number of listeners. */
function processListeners(): Record<string, number> {
  return Object.fromEntries(process.eventNames().map((name) => [String(name), process.listenerCount(name)]));
}

/** Descriptors, listeners and children: what must be the same after many cycles as before. */
function footprint() {
  return { descriptors: openDescriptors(), listeners: processListeners(), children: descendantsOf().length };
}

test.serial('load: 10,000 Process start/join cycles leave descriptors, listeners and children as they were', async (t) => {
  const cycles = bySoak(40, 10_000);
  const atOnce = 8;
  const cycle = async () => {
    const p = new Process({ target: nothing });
    p.start();
    await within(p.join(), RUN_MS, 'join()');
    if (p.exitCode !== 0) throw new Error(`exit code ${p.exitCode}`);
    p.close();
  };
  await cycle(); // The first start loads what every later one shares.
  const before = footprint();
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: atOnce }, async () => {
    while (next < cycles) {
      next++;
      await cycle();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await sleep(100); // Let the last channels' close events run.
  const after = footprint();
  report(t, {
    section: 'load',
    tried: `${cycles.toLocaleString('en')} Process start/join/close cycles, ${atOnce} at a time`,
    outcome: 'every child exited 0; descriptors, listeners and children as before',
    figures: {
      seconds: seconds.toFixed(1),
      'cycles/s': (cycles / seconds).toFixed(0),
      'descriptors before/after': `${before.descriptors}/${after.descriptors}`,
      'children before/after': `${before.children}/${after.children}`,
    },
  });
  t.deepEqual(after, before);
});

test.serial('load: 500 Pool create/terminate cycles leave descriptors, listeners and children as they were', async (t) => {
  const cycles = bySoak(20, 500);
  const cycle = async (i: number) => {
    const pool = new Pool({ processes: 2 });
    try {
      const results = await within(pool.map(squareOnly, [i, i + 1, i + 2]), RUN_MS, 'map()');
      if (results[2] !== (i + 2) ** 2) throw new Error(`map gave ${results}`);
    } finally {
      pool.terminate();
      await within(pool.join(), PROMPT_MS, 'join() after terminate()');
    }
  };
  await cycle(0);
  const before = footprint();
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < cycles) await cycle(next++);
  }));
  const seconds = (performance.now() - started) / 1000;
  await sleep(100);
  const after = footprint();
  report(t, {
    section: 'load',
    tried: `${cycles.toLocaleString('en')} Pool create/map/terminate/join cycles (2 workers each), 4 at a time`,
    outcome: 'every map right; descriptors, listeners and children as before',
    figures: {
      seconds: seconds.toFixed(1),
      'descriptors before/after': `${before.descriptors}/${after.descriptors}`,
      'children before/after': `${before.children}/${after.children}`,
    },
  });
  t.deepEqual(after, before);
});
