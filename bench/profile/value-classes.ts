/**
 * What registering a value class costs the pool's hot path (issue 16): map over 100,000 numbers and over 10,000
 * small objects, in a process where no value class is registered and in one where one is (results are then
 * searched for instances, and instances revived). Not a test: figures for the report. Each mode runs in its own
 * process, since the registry is per process. Usage (from the sources, no build):
 *   env -u NODE_EXTRA_CA_CERTS npx tsx bench/profile/value-classes.ts
 * Prints the median wall time of 7 runs after 2 warm-ups, per workload, 2 workers.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from '../../reference/src/index.js';
import { findInstances } from '../../reference/src/revive.js';

const REPS = 7;
const WARM = 2;
const NUMBERS = Array.from({ length: 100_000 }, (_, i) => i);
const OBJECTS = Array.from({ length: 10_000 }, (_, i) => i);

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM + REPS; i++) {
    const start = performance.now();
    await run();
    if (i >= WARM) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function measure(mode: 'plain' | 'class'): Promise<Record<string, number>> {
  // Only this module is imported in the 'plain' run: no value class is registered in it, nor in its workers.
  const t = mode === 'plain' ? await import('./value-classes/plain-tasks.js') : await import('./value-classes/class-tasks.js');
  const pool = new Pool(2);
  try {
    const figures: Record<string, number> = {
      'map(square, 100k numbers)': await median(() => pool.map(t.square, NUMBERS)),
      'map(pair, 10k → plain objects)': await median(() => pool.map(t.pair, OBJECTS)),
    };
    if (mode === 'class') {
      const c = await import('./value-classes/class-tasks.js');
      figures['map(point, 10k → Points)'] = await median(() => pool.map(c.point, OBJECTS));
      const points = await pool.map(c.point, OBJECTS);
      if (!(points[0] instanceof c.Point)) throw new Error('the Points did not arrive as Points');
      figures['findInstances(10k Points), parent'] = await median(async () => findInstances(points));
      const plain = OBJECTS.map(c.pair);
      figures['findInstances(10k plain objects), parent'] = await median(async () => findInstances(plain));
    }
    return figures;
  } finally {
    pool.terminate();
    await pool.join();
  }
}

const mode = process.argv[2];
if (mode === 'plain' || mode === 'class') {
  process.stdout.write(JSON.stringify(await measure(mode)));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows: Record<string, Record<string, number>> = {};
  for (const each of ['plain', 'class'] as const) {
    const run = spawnSync(process.execPath, [...process.execArgv, self, each], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    rows[each] = JSON.parse(run.stdout) as Record<string, number>;
  }
  const names = [...new Set([...Object.keys(rows['plain']!), ...Object.keys(rows['class']!)])];
  console.log('| workload | no value class registered (ms) | a value class registered (ms) |\n|---|---:|---:|');
  for (const name of names) {
    const cell = (m: string) => (rows[m]![name] === undefined ? '—' : rows[m]![name]!.toFixed(2));
    console.log(`| ${name} | ${cell('plain')} | ${cell('class')} |`);
  }
}
