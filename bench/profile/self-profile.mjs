/**
 * Preload that CPU-profiles the process it runs in and writes `<dir>/<pid>.cpuprofile` at exit. Node refuses
 * --cpu-prof in NODE_OPTIONS, and multiproc passes its workers only loader flags, so this is how workers get
 * profiled too: `--import` reaches them.
 *   env -u NODE_EXTRA_CA_CERTS NODE_OPTIONS="--import=$PWD/bench/profile/self-profile.mjs" PROFILE_DIR=/tmp/prof \
 *     node bench/systems/multiproc.mjs tasks '{"processes":2,"reps":3,"n":20000}'
 *   node bench/profile/summarize-cpuprofile.mjs /tmp/prof
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.PROFILE_DIR ?? '/tmp/prof';
mkdirSync(dir, { recursive: true });
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 100 });
session.post('Profiler.start');
const role = process.argv[1]?.split('/').at(-1) ?? 'node';
// An in-thread session answers synchronously, so this works even in a process.exit() from a worker.
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error === null) writeFileSync(join(dir, `${role}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
