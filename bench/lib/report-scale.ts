/**
 * reports/bench.md's scale section (issue 20): map items/s and tasks/s as the pool grows past the cores, and map
 * time as the input grows, with the slope of a least-squares line through (items, seconds) and how far each point
 * lies from it.
 */
import { SCALE_POOLS, SCALE_SIZES } from './plan-memory.js';
import { medianOf, type Results } from './results.js';
import { fmt, label } from './format.js';
import { SCALE_SYSTEMS, type SystemId } from './plan.js';

export function poolAndInputSection(r: Results): string[] {
  const has = (id: string): boolean => r.table[id] !== undefined;
  if (!SCALE_POOLS.some((p) => has(`s-p${p}-map`)) && !SCALE_SIZES(r.plan.quick).some((n) => has(`s-n${n}`))) return [];
  const m = (id: string, s: SystemId): number | undefined => medianOf(r.table, id, 'samples', s);
  const lines = ['## Scale: pool size and input size', '',
    `Pool sizes 1 … ${SCALE_POOLS.at(-1)} on ${r.env.cpus} CPUs: past the cores, workers share them, and the curve shows what ` +
      'oversubscription costs. map: 200,000 integers, default chunksize; tasks: as b. Medians; higher is better.', '',
    `| system · figure | ${SCALE_POOLS.map((p) => `pool of ${p}`).join(' | ')} |`, `|---|${SCALE_POOLS.map(() => '--:').join('|')}|`];
  for (const s of SCALE_SYSTEMS) {
    for (const [kind, unit] of [['map', 'items/s'], ['tasks', 'tasks/s']] as const) {
      const cells = SCALE_POOLS.map((p) => m(`s-p${p}-${kind}`, s));
      if (cells.every((v) => v === undefined)) continue;
      lines.push(`| ${label(s)} · ${kind} ${unit} | ${cells.map((v) => (v === undefined ? '' : fmt(v))).join(' | ')} |`);
    }
  }
  const sizes = SCALE_SIZES(r.plan.quick);
  lines.push('', `map over ${sizes.map((n) => n.toLocaleString('en-US')).join(', ')} integers on a pool of ${r.plan.processes} ` +
    '(default chunksize): seconds per map (n ÷ median items/s). Time should grow linearly with n; the slope is a ' +
    'least-squares fit of seconds on n (relative distances, weights 1 / seconds²), and each point shows how far it ' +
    'lies from that line.', '',
    `| system | slope (µs per item) | intercept (ms) | ${sizes.map((n) => `${n.toLocaleString('en-US')}: s (off the line)`).join(' | ')} |`,
    `|---|--:|--:|${sizes.map(() => '--:').join('|')}|`);
  for (const s of SCALE_SYSTEMS) {
    const points = sizes.flatMap((n) => {
      const rate = m(`s-n${n}`, s);
      return rate === undefined ? [] : [{ n, seconds: n / rate }];
    });
    if (points.length < 2) continue;
    const { slope, intercept } = leastSquares(points.map((p) => p.n), points.map((p) => p.seconds));
    const cells = sizes.map((n) => {
      const point = points.find((p) => p.n === n);
      if (point === undefined) return '';
      const fitted = slope * n + intercept;
      return `${point.seconds.toPrecision(3)} (${fitted === 0 ? 'n/a' : `${((point.seconds / fitted - 1) * 100).toFixed(1)}%`})`;
    });
    lines.push(`| ${label(s)} | ${fmt(slope * 1e6)} | ${fmt(intercept * 1000)} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/**
 * The line y = slope·x + intercept that minimizes the squared relative distances (weights 1 / y²): the sizes span
 * three decades, and a plain fit would follow the largest point and leave the small ones tens of percent off.
 */
export function leastSquares(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = 1 / ys[i]! ** 2;
    sw += w;
    swx += w * xs[i]!;
    swy += w * ys[i]!;
    swxx += w * xs[i]! ** 2;
    swxy += w * xs[i]! * ys[i]!;
  }
  const det = sw * swxx - swx ** 2;
  const slope = det === 0 ? 0 : (sw * swxy - swx * swy) / det;
  return { slope, intercept: (swy - slope * swx) / sw };
}
