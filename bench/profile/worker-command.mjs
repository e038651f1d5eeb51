/**
 * The profile scripts' worker command (cluster-apply.mjs, cluster-map.mjs): `multiproc worker` of the multiproc
 * built in `dist`, with node flags of its own (`--cpu-prof …`: Node refuses them in NODE_OPTIONS), ready within
 * 30 s or an error; `stop()` sends SIGTERM first, so it ends cleanly and writes its profile, SIGKILL 5 s later.
 */
import { spawn } from 'node:child_process';

export async function startWorkerCommand({ dist, url, queue, tasksFile, nodeArgs = [], processes = 2 }) {
  const worker = spawn(process.execPath, [...nodeArgs, `${dist}/cli.js`, 'worker', '--connection', url, '--queue', queue,
    '--processes', String(processes), tasksFile], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const exited = new Promise((done) => worker.once('exit', done));
  const stop = async () => {
    if (worker.exitCode !== null || worker.signalCode !== null) return;
    worker.kill('SIGTERM');
    const timer = setTimeout(() => worker.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('worker command not ready within 30 s')), 30_000);
      let out = '';
      worker.stdout.on('data', (data) => {
        // The line may arrive split across reads: test all that came so far.
        out += data;
        if (/ ready\n/.test(out)) {
          clearTimeout(timer);
          done();
        }
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`worker command exited ${code}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
