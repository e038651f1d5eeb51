#!/usr/bin/env node
/**
 * The `multiproc` command. Its one subcommand, `worker`, serves a cluster pool (`new Pool({ cluster })`):
 * `npx multiproc worker --connection redis://host:6379 --queue NAME --processes 4 ./tasks.js`.
 * @python — multiprocessing has no such command; Ray's cluster workers are the nearest.
 */
import { startWorkerCommand, WORKER_USAGE } from './backend/bullmq/worker-command.js';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'worker') {
  console.error(command === undefined ? WORKER_USAGE : `multiproc: unknown command ${JSON.stringify(command)}\n${WORKER_USAGE}`);
  process.exit(2);
}
try {
  const worker = await startWorkerCommand(rest);
  console.log(`multiproc worker ${worker.name} ready`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void worker.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(`multiproc worker ${worker.name}: ${(error as Error).message}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  // A mistake in the command line or the set-up is said in one line; anything else with its stack.
  console.error(error instanceof TypeError || (error as Error | undefined)?.name === 'ClusterError' ? (error as Error).message : error);
  process.exit(2);
}
