/**
 * The `env` option of Pool: every worker, replacements included, gets exactly the environment given, or the
 * parent's by default.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Pool, Process } from '../../src/index.js';
import { returnNothing } from '../fixtures/tasks.js';
import { envOf } from '../fixtures/env-tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { children } from '../process/helpers.js';
import { cleanUp, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

const SECRET = 'MULTIPROC_TEST_POOL_SECRET';

test.serial('security: pool workers get the parent\'s environment by default', async (t) => {
  process.env[SECRET] = 'inherited';
  t.teardown(() => delete process.env[SECRET]);
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const [seen] = await within(pool.map(envOf, [0]), RUN_MS, 'map(envOf)');
  t.is(seen?.[SECRET], 'inherited');
  report(t, { section: 'security', tried: 'a Pool created with no env option', outcome: 'its worker saw the parent\'s environment (documented default)' });
});

test.serial('security: new Pool({ env }) gives every worker, replacements included, exactly that environment', async (t) => {
  process.env[SECRET] = 'must not reach a worker';
  t.teardown(() => delete process.env[SECRET]);
  const { [SECRET]: _left, ...rest } = process.env;
  const env = { ...rest, ONLY_FOR_THE_WORKERS: 'given' };
  // One task per worker: every task after the first two runs in a replacement.
  const pool = new Pool({ processes: 2, maxTasksPerChild: 1, env });
  cleanUp(t, pool);
  const seen = await within(pool.map(envOf, [1, 2, 3, 4], 1), RUN_MS, 'map(envOf)');
  for (const workerEnv of seen) t.deepEqual(workerEnv, env, 'each worker has exactly the variables given');
  report(t, {
    section: 'security',
    tried: 'a Pool of 2 with maxTasksPerChild 1 given env = the parent\'s environment minus one variable, plus one',
    outcome: 'all 4 workers (2 of them replacements) saw exactly the variables given',
    figures: { workers: seen.length, 'variables given': Object.keys(env).length },
  });
});

const badEnv = test.macro({
  exec(t: ExecutionContext, env: unknown, message: RegExp) {
    const before = children();
    t.throws(() => new Pool({ processes: 1, env: env as never }), { instanceOf: TypeError, message });
    t.deepEqual(children(), before, 'no worker was started');
  },
  title: (provided) => `bad input: Pool env ${provided} throws TypeError and starts no worker`,
});

test.serial('that is a string', badEnv, 'A=1', /^options\.env must be an object of strings \(the workers' whole environment\), got a string/);
test.serial('with a boolean value', badEnv, { DEBUG: true }, /^options\.env\.DEBUG must be a string, got a boolean \(true\)/);

/**
 * Node copies NODE_V8_COVERAGE into the `env` given to a child (so that coverage tools see children): the object
 * handed to fork() must take the property. Under c8 a frozen one made fork() throw "Cannot add property
 * NODE_V8_COVERAGE, object is not extensible", for Process and for every pool worker.
 */
test.serial('a narrowed env works while NODE_V8_COVERAGE is set (under c8): Process and Pool workers start', async (t) => {
  const coverage = process.env['NODE_V8_COVERAGE'];
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-coverage-'));
  if (coverage === undefined) process.env['NODE_V8_COVERAGE'] = dir;
  t.teardown(() => {
    if (coverage === undefined) delete process.env['NODE_V8_COVERAGE'];
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { PATH: process.env['PATH'] ?? '' };
  const p = new Process({ target: returnNothing, env });
  p.start();
  await within(p.join(), RUN_MS, 'join() of a Process given env');
  t.is(p.exitCode, 0);
  const pool = new Pool({ processes: 1, env });
  cleanUp(t, pool);
  const [seen] = await within(pool.map(envOf, [0]), RUN_MS, 'map(envOf) in a pool given env');
  t.is(seen?.['PATH'], env.PATH);
  t.is(seen?.['NODE_V8_COVERAGE'], process.env['NODE_V8_COVERAGE'], 'Node passed the coverage directory on, as it does for any child');
});
