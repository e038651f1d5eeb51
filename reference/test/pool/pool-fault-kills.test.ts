/**
 * Workers SIGKILLed from outside, at random, while an imap runs (issue 14, Pool faults): every item ends exactly
 * once, as its result or as a WorkerCrashedError naming it, none runs twice, and the pool is whole afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { openRunLog, squareLogged } from './fixtures/misbehaving-tasks.js';
import { square } from './fixtures/pool-tasks.js';
import { faultSeed, killLeftoversAtEnd, liveChildren, seededRandom } from './fault-helpers.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, tempDir, waitFor, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test.serial('fault: workers SIGKILLed at random during an imap: every item ends once (its result or a WorkerCrashedError naming it), none runs twice, the pool is back at its size', async (t) => {
  const items = bySoak(10_000, 100_000);
  const kills = bySoak(3, 10);
  const processes = 2;
  const seed = faultSeed();
  const next = seededRandom(seed);
  // Kill points spread over the run, at random within each stretch, so no two fall together.
  const killAt = Array.from({ length: kills }, (_, k) => Math.floor(items * (k + 0.2 + 0.6 * next()) / kills));
  const log = join(tempDir(t), 'runs');
  const pool = new Pool({ processes, initializer: openRunLog, initargs: [log] });
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  await workerPids(pool);

  const outcomes: (number | WorkerCrashedError)[] = [];
  const killed: number[] = [];
  const unexpected: string[] = [];
  const iterator = pool.imap(squareLogged, Array.from({ length: items }, (_, i) => i));
  const started = performance.now();
  await within((async () => {
    for (;;) {
      try {
        const step = await iterator.next();
        if (step.done) return;
        outcomes.push(step.value);
      } catch (error) {
        // Python's imap goes on after a failed item; so does ours.
        if (error instanceof WorkerCrashedError) outcomes.push(error);
        else unexpected.push(`${outcomes.length}: ${String(error)}`);
      }
      if (outcomes.length === killAt[killed.length]) {
        const workers = liveChildren();
        const victim = workers[Math.floor(next() * workers.length)]!;
        process.kill(victim, 'SIGKILL');
        killed.push(victim);
      }
    }
  })(), RUN_MS * 2, `the imap of ${items} items`);
  const imapMs = performance.now() - started;

  t.deepEqual(unexpected, [], 'only WorkerCrashedErrors');
  t.is(outcomes.length, items, 'one outcome per item: none missing, none twice');
  const crashed: number[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome instanceof WorkerCrashedError) {
      crashed.push(i);
      if (outcome.index !== i || outcome.count !== 1) t.fail(`item ${i} got the error of items ${outcome.index}…+${outcome.count}`);
    } else if (outcome !== i * i) {
      t.fail(`item ${i} got ${outcome}`);
    }
  });
  t.is(killed.length, kills, 'every kill happened');
  t.true(crashed.length <= items / 10, `${crashed.length} items lost to ${kills} kills`);

  // Every run of every item, from every worker: a result came from one run; a lost item ran at most once.
  const runs = new Uint32Array(items);
  for (const line of readFileSync(log, 'utf8').split('\n')) if (line !== '') runs[Number(line)]!++;
  const twice = [...runs.keys()].filter((i) => runs[i]! > 1);
  const notRun = outcomes.flatMap((outcome, i) => (typeof outcome === 'number' && runs[i] === 0 ? [i] : []));
  t.deepEqual(twice, [], 'items run more than once');
  t.deepEqual(notRun, [], 'items with a result but no run');

  await waitFor(() => liveChildren().length === processes && killed.every(isGone), PROMPT_MS, `${processes} live workers`);
  const xs = [...Array(1000).keys()];
  t.deepEqual(await within(pool.map(square, xs), RUN_MS, 'map after the kills'), xs.map(square));
  const pids = await workerPids(pool);
  t.is(pids.length, processes, 'the pool is back at its size');
  t.deepEqual(pids.filter((pid) => killed.includes(pid)), [], 'no killed worker answers');
  report(t, {
    section: 'fault',
    tried: `${kills} workers SIGKILLed at random (seed ${seed}) during an imap of ${items} items on ${processes} workers`,
    outcome: 'every item ended once, as its result or a WorkerCrashedError naming its index; none ran twice; the pool was back at its size and a map after it was right',
    figures: {
      items,
      kills,
      'items lost (WorkerCrashedError)': crashed.length,
      'items run twice': twice.length,
      'imap (ms)': Math.round(imapMs),
      'items/s': Math.round(items / (imapMs / 1000)),
    },
  });
});
