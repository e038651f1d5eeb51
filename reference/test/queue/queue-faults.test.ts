/**
 * Faults injected into the processes around a queue, and the guarantee each one keeps (README, Queue):
 * - the host goes: every user fails with QueueClosedError at once, none waits for ever;
 * - a consumer is killed: at most the item written to its socket is lost, every other item stays, in order, none
 *   twice;
 * - a producer is killed in the middle of a put: no torn item is ever delivered, and the queue goes on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Process, Queue, QueueEmpty } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { consumeToFile, patterned, putLargeItems } from './fixtures/queue-tasks.js';
import { cleanUp, isGone, limited, PROMPT_MS, readJson, RUN_MS, runScript, sleep, tempDir, waitFor, within } from './helpers.js';

assertNoOrphans(test);

const slot = limited(2);

/** Kills `pids` at the end of the test if they are still there (children of a host the test killed). */
function killAtEnd(t: ExecutionContext, pids: () => readonly number[]): void {
  t.teardown(() => {
    for (const pid of pids()) {
      if (!isGone(pid)) process.kill(pid, 'SIGKILL');
    }
  });
}

interface UserReport {
  readonly name: string;
  readonly message?: string;
  readonly done: number;
  readonly at: number;
}

for (const how of ['killed', 'exit'] as const) {
  const title = how === 'killed' ? 'is SIGKILLed' : 'calls process.exit()';
  test(`fault: the host of a queue ${title} while producers and consumers use it: each fails with QueueClosedError at once`, slot(async (t) => {
    const PAIRS = bySoak(2, 6);
    const dir = tempDir(t);
    const run = runScript(t, how === 'killed' ? 'host-used-until-killed' : 'host-used-until-exit', `${PAIRS}:${dir}`, dir);
    let users: number[] = [];
    killAtEnd(t, () => users);
    await within(waitFor(() => run.lines().length > 0, RUN_MS, 'the host and its users to start'), RUN_MS + 1000, 'the start');
    ({ users } = run.lines()[0] as { users: number[] });
    let goneAt: number;
    if (how === 'killed') {
      goneAt = Date.now();
      run.child.kill('SIGKILL');
      await within(run.exited, PROMPT_MS, 'the SIGKILLed host');
    } else {
      await within(run.exited, PROMPT_MS, 'the host calling process.exit()');
      goneAt = (run.lines()[1] as { exitingAt: number }).exitingAt;
    }
    const files = users.map((_, i) => join(dir, `user-${i}.json`));
    await within(waitFor(() => files.every((file) => readJson(file) !== undefined), PROMPT_MS, 'every user to report'),
      PROMPT_MS + 1000, 'the users’ reports');
    const reports = files.map((file) => readJson<UserReport>(file)!);
    await within(waitFor(() => users.every(isGone), PROMPT_MS, 'every user to exit'), PROMPT_MS + 1000, 'the users’ exits');
    const delays = reports.map((user) => user.at - goneAt);
    report(t, {
      section: 'fault',
      tried: `the host of a bounded queue ${title} while ${PAIRS} producers and ${PAIRS} consumers (children) wait on it`,
      outcome: `every user failed with ${[...new Set(reports.map((user) => user.name))].join(', ')} and exited`,
      figures: {
        users: users.length,
        callsBeforeTheFault: reports.reduce((sum, user) => sum + user.done, 0),
        maxMsToFail: Math.max(...delays),
      },
    });
    for (const user of reports) {
      t.is(user.name, 'QueueClosedError', user.message);
      t.regex(user.message!, /is gone; a queue lives as long as the process that created it/);
    }
    // A generous bound on a hang, not a timing: the failure follows the socket's close at once.
    t.true(Math.max(...delays) < PROMPT_MS, `a user failed ${Math.max(...delays)} ms after the host went`);
  }));
}

test('fault: consumers SIGKILLed at random while they take items: at most one item lost per kill, the rest all there, in order, none twice', slot(async (t) => {
  const ITEMS = bySoak(500, 50_000);
  const KILLS = bySoak(2, 30);
  const CONSUMERS = bySoak(2, 4);
  const q = new Queue<number>();
  t.teardown(() => q.close());
  const dir = tempDir(t);
  const consumers: Process[] = [];
  const files: string[] = [];
  const startConsumer = () => {
    const file = join(dir, `consumer-${consumers.length}`);
    const consumer = new Process({ target: consumeToFile, args: [q, file] });
    cleanUp(t, consumer);
    consumer.start();
    consumers.push(consumer);
    files.push(file);
    return consumer;
  };
  for (let i = 0; i < CONSUMERS; i++) startConsumer();
  // Items flow from the moment every consumer has taken one (so kills land while they take items).
  let first = 0;
  const warming = Date.now();
  while (!files.every((file) => existsSync(file))) {
    if ((await q.qsize()) === 0) await q.put(first++);
    await sleep(10);
    if (Date.now() - warming > RUN_MS) throw new Error('the consumers did not start');
  }
  // Then in small batches, while consumers are killed (and replaced) at random moments.
  const killAt = new Set(Array.from({ length: KILLS }, () => first + Math.floor(Math.random() * (ITEMS - first))));
  let killed = 0;
  for (let i = first; i < ITEMS; i++) {
    await q.put(i);
    if (killAt.has(i)) {
      const victims = consumers.filter((consumer) => consumer.isAlive());
      const victim = victims[Math.floor(Math.random() * victims.length)]!;
      victim.kill();
      killed++;
      startConsumer();
    }
    if (i % 50 === 49) await sleep(1);
  }
  // Let the living consumers drain the queue, then stop them and take what is left.
  await within(waitFor(() => consumedCount(files) + killed >= ITEMS, RUN_MS, 'the consumers to drain the queue').catch(() => undefined),
    RUN_MS + 1000, 'draining');
  for (const consumer of consumers) if (consumer.isAlive()) consumer.kill();
  await within(Promise.all(consumers.map((consumer) => consumer.join())), PROMPT_MS, 'the consumers’ exits');
  const left: number[] = [];
  for (;;) {
    try {
      left.push(await q.getNowait());
    } catch (error) {
      if (error instanceof QueueEmpty) break;
      throw error;
    }
  }
  const consumed = files.flatMap((file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []));
  const seen = [...consumed, ...left];
  const unique = new Set(seen);
  const lost = ITEMS - unique.size;
  report(t, {
    section: 'fault',
    tried: `${ITEMS} items through a queue to ${CONSUMERS} consumers (children), ${killed} of them SIGKILLed at random and replaced`,
    outcome: `${lost} item(s) lost (at most one per kill allowed), ${seen.length - unique.size} duplicated, the rest consumed or left in order`,
    figures: { items: ITEMS, kills: killed, lost, duplicates: seen.length - unique.size, leftInQueue: left.length },
  });
  t.is(seen.length, unique.size, 'no item was handed out twice');
  t.true(lost <= killed, `${lost} items lost for ${killed} kills`);
  t.true(seen.every((item) => Number.isInteger(item) && item >= 0 && item < ITEMS));
  t.deepEqual(left, [...left].sort((a, b) => a - b), 'what is left is in order');
}));

function consumedCount(files: readonly string[]): number {
  let count = 0;
  for (const file of files) if (existsSync(file)) count += readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  return count;
}

test('fault: producers SIGKILLed in the middle of putting large items: no torn item is delivered, the queue goes on', slot(async (t) => {
  const ROUNDS = bySoak(2, 20);
  const BYTES = 4 * 1024 * 1024;
  const q = new Queue<Uint8Array>();
  t.teardown(() => q.close());
  const dir = tempDir(t);
  let received = 0;
  let torn = 0;
  let midPut = 0;
  const check = (item: Uint8Array): void => {
    received++;
    const seq = new DataView(item.buffer, item.byteOffset, item.byteLength).getUint32(0);
    if (item.length !== BYTES || !Buffer.from(item).equals(Buffer.from(patterned(seq, BYTES)))) torn++;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const progress = join(dir, `progress-${round}`);
    const producer = new Process({ target: putLargeItems, args: [q, BYTES, progress] });
    cleanUp(t, producer);
    producer.start();
    // Kill it once it is under way, at a random moment within its puts.
    await within(waitFor(() => existsSync(progress), RUN_MS, 'the producer to start putting'), RUN_MS + 1000, 'the producer');
    const drained = drain(q, check);
    await sleep(20 + Math.random() * 150);
    producer.kill();
    const state = readFileSync(progress, 'utf8');
    if (state.startsWith('start')) midPut++;
    await within(producer.join(), PROMPT_MS, 'the killed producer');
    await drained.stop();
  }
  // The queue serves the next producer as if nothing had happened.
  const progress = join(dir, 'progress-after');
  const after = new Process({ target: putLargeItems, args: [q, BYTES, progress, 2] });
  cleanUp(t, after);
  after.start();
  await within(after.join(), RUN_MS, 'a producer after the kills');
  t.is(after.exitCode, 0);
  const before = received;
  check(await within(q.get(), PROMPT_MS, 'its first item'));
  check(await within(q.get(), PROMPT_MS, 'its second item'));
  report(t, {
    section: 'fault',
    tried: `${ROUNDS} producers (children) putting 4 MiB items, each SIGKILLed at a random moment`,
    outcome: `${torn} torn items among ${received} delivered; a producer after them was served`,
    figures: { rounds: ROUNDS, killsInsideAPut: midPut, itemsDelivered: received, torn },
  });
  t.is(torn, 0, 'every item delivered is whole');
  t.is(received - before, 2);
}));

/** Gets items from `q` and checks each, until stopped; `stop()` then takes what is left without waiting. */
function drain(q: Queue<Uint8Array>, check: (item: Uint8Array) => void): { stop(): Promise<void> } {
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      try {
        check(await q.get({ timeoutMs: 50 }));
      } catch (error) {
        if (!(error instanceof QueueEmpty)) throw error;
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      for (;;) {
        try {
          check(await q.getNowait());
        } catch (error) {
          if (error instanceof QueueEmpty) return;
          throw error;
        }
      }
    },
  };
}
