/**
 * test-support/private-redis.ts: the private Redis of `conformance --all` and the bench's cluster section is
 * stopped however the run ends (an interrupt included: 'exit' does not fire on a signal and the server is
 * daemonized), and a failed start is a reason, not a throw. Needs redis-server (skipped without it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { isGone, PROMPT_MS, RUN_MS, runScript, waitFor, within } from '../pool/helpers.js';

assertNoOrphans(test);

const SCRIPT = 'reference/test/cluster/fixtures/private-redis-script.ts';
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
const withRedis = hasRedis ? test : test.skip;

/** The server's folder and pid, from the URL the script printed. */
function serverOf(url: string): { dir: string; pid: number } {
  const dir = dirname(url.replace(/^redis\+unix:\/\//, ''));
  return { dir, pid: Number(readFileSync(`${dir}/redis.pid`, 'utf8').trim()) };
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  withRedis(`${signal} stops the private Redis, and the process still ends by ${signal}`, async (t) => {
    const run = runScript(t, 'wait', { script: SCRIPT });
    const { url } = (await within(run.report, RUN_MS, 'the script to start Redis')) as { url: string };
    const { dir, pid } = serverOf(url);
    t.teardown(() => execFileSync('scripts/redis/private-redis.sh', ['stop', dir], { stdio: 'ignore' }));
    t.false(isGone(pid));
    run.child.kill(signal);
    const exit = await within(run.exited, PROMPT_MS * 2, 'the script to end');
    t.is(exit.signal, signal);
    await waitFor(() => isGone(pid), PROMPT_MS, 'redis-server to end');
    t.false(existsSync(dir));
  });
}

withRedis('stop() ends the server; a second stop() and the exit after it do nothing more', async (t) => {
  const run = runScript(t, 'stop-twice', { script: SCRIPT });
  const { url } = (await within(run.report, RUN_MS, 'the script to start Redis')) as { url: string };
  const dir = dirname(url.replace(/^redis\+unix:\/\//, ''));
  const exit = await within(run.exited, RUN_MS, 'the script to end');
  t.is(exit.code, 0, run.stderr());
  t.false(existsSync(dir));
});

test('without redis-server, a reason that says how to install it, not a throw', async (t) => {
  // A PATH with bash (the script's interpreter) and nothing else: node may live beside redis-server in /usr/bin.
  const bin = mkdtempSync(join(tmpdir(), 'mp-nobin-'));
  t.teardown(() => rmSync(bin, { recursive: true, force: true }));
  symlinkSync(execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim(), join(bin, 'bash'));
  const child = spawnSync(process.execPath, ['--import=tsx', SCRIPT, 'none'], {
    env: { ...process.env, PATH: bin },
    encoding: 'utf8',
    timeout: RUN_MS,
  });
  t.is(child.status, 0, child.stderr);
  const line = JSON.parse(child.stdout.split('\n')[0]!) as { missing?: string };
  t.regex(line.missing ?? '', /apt-get install -y redis-server/);
});
