/**
 * reports/bench.svg, drawn by hand (no chart library): left, each workload's speed relative to CPython fork,
 * one bar per system on a log scale centred on 1×; right, the speedup as the pool grows from 1 to cpuCount.
 */
import { REFERENCE, type SystemId } from './plan.js';
import { medianOf, type Results } from './results.js';
import { label } from './format.js';

const COLORS: Record<SystemId, string> = {
  multiproc: '#d62728',
  'cpython-fork': '#1f77b4',
  'cpython-spawn': '#9ecae9',
  poolifier: '#2ca02c',
  workerpool: '#9467bd',
  floor: '#7f7f7f',
  piscina: '#ff7f0e',
  tinypool: '#ffbb78',
  pipe: '#000000',
  'floor-lib': '#bdbdbd',
};
const BAR = 11;
const GAP = 2;
const GROUP_GAP = 14;
const LEFT = 200;
const BARS_W = 420;
const CURVE_X = LEFT + BARS_W + 90;
const CURVE_W = 260;
const TOP = 92;

interface Row { readonly title: string; readonly workload: string; readonly metric: string; readonly better: 'higher' | 'lower' }

export function renderSvg(r: Results): string {
  // A workload only some systems run (multiproc's own features) has no CPython bar to be drawn against; the memory
  // and scale workloads (ownSection) have their own sections in bench.md, not a bar here.
  const rows: Row[] = r.plan.workloads.filter((w) => r.table[w.id] !== undefined && !w.ownSection &&
    (w.systems?.includes(REFERENCE) ?? true)).flatMap((w) =>
    w.metrics.map((m) => ({ title: m.chart, workload: w.id, metric: m.key, better: m.better })));
  const speed = (row: Row, id: SystemId): number | undefined => {
    const v = medianOf(r.table, row.workload, row.metric, id);
    const ref = medianOf(r.table, row.workload, row.metric, REFERENCE);
    if (v === undefined || ref === undefined || v === 0 || ref === 0) return undefined;
    return row.better === 'higher' ? v / ref : ref / v;
  };
  const all = rows.flatMap((row) => r.systems.map((id) => speed(row, id))).filter((v): v is number => v !== undefined);
  const span = Math.min(64, Math.max(2, ...all.map((v) => Math.max(v, 1 / v))));
  const k = Math.ceil(Math.log2(span));
  const xOf = (v: number): number => LEFT + BARS_W / 2 + (Math.log2(Math.min(Math.max(v, 2 ** -k), 2 ** k)) / k) * (BARS_W / 2);
  const groupH = r.systems.length * (BAR + GAP) + GROUP_GAP;
  const height = Math.max(TOP + rows.length * groupH + 56, TOP + 330);
  const width = CURVE_X + CURVE_W + 40;
  const s: string[] = [];
  s.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="11">`);
  s.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  s.push(text(16, 24, 'multiproc beside CPython multiprocessing and the Node process pools', 16, 'start', 'bold'));
  s.push(text(16, 44, `${r.plan.quick ? 'QUICK RUN — ' : ''}pool of ${r.plan.processes} · medians of ${r.plan.reps} repetitions after a warm-up · ` +
    `${r.env.cpu}, ${r.env.cpus} CPUs · Node ${r.env.node}, Python ${r.env.python ?? '–'} · NODE_EXTRA_CA_CERTS unset · ${r.env.date.slice(0, 10)}`, 11, 'start', 'normal', '#555'));
  // Legend
  let lx = 16;
  for (const id of r.systems) {
    s.push(`<rect x="${lx}" y="56" width="10" height="10" fill="${COLORS[id]}"/>`);
    s.push(text(lx + 14, 65, label(id), 11));
    lx += 22 + label(id).length * 6.2;
  }
  // Left panel: axis and grid
  s.push(text(LEFT + BARS_W / 2, TOP - 10, 'speed relative to CPython fork (log scale; right of 1× = faster)', 11, 'middle', 'bold'));
  const bottom = TOP + rows.length * groupH - GROUP_GAP + 4;
  for (let e = -k; e <= k; e++) {
    const gx = xOf(2 ** e);
    s.push(`<line x1="${gx}" y1="${TOP - 2}" x2="${gx}" y2="${bottom}" stroke="${e === 0 ? '#333' : '#e3e3e3'}" stroke-width="${e === 0 ? 1.2 : 1}"/>`);
    s.push(text(gx, bottom + 13, e >= 0 ? `${2 ** e}×` : `1/${2 ** -e}`, 10, 'middle', 'normal', '#555'));
  }
  s.push(text(16, bottom + 34, 'Each bar: this system’s figure ÷ CPython fork’s for rates (tasks/s, items/s, MiB/s, speedup); ' +
    'CPython fork’s time ÷ this system’s for times (ms, µs). Figures: reports/bench.md.', 10, 'start', 'normal', '#555'));
  rows.forEach((row, i) => {
    const y0 = TOP + i * groupH;
    s.push(text(LEFT - 8, y0 + (groupH - GROUP_GAP) / 2 + 4, row.title, 11, 'end'));
    r.systems.forEach((id, j) => {
      const y = y0 + j * (BAR + GAP);
      const v = speed(row, id);
      if (v === undefined) {
        s.push(text(xOf(1) + 4, y + BAR - 2, 'failed / n/a', 9, 'start', 'normal', '#999'));
        return;
      }
      const x1 = xOf(1);
      const x2 = xOf(v);
      const w = Math.max(Math.abs(x2 - x1), 1.5);
      s.push(`<rect x="${Math.min(x1, x2)}" y="${y}" width="${w}" height="${BAR}" fill="${COLORS[id]}">` +
        `<title>${label(id)}: ${v.toFixed(2)}× CPython fork</title></rect>`);
      const right = x2 >= x1;
      s.push(text(right ? Math.max(x2, x1 + 1.5) + 3 : x2 - 3, y + BAR - 2, `${v >= 10 ? v.toFixed(0) : v.toFixed(2)}×`, 9,
        right ? 'start' : 'end', id === 'multiproc' ? 'bold' : 'normal', '#333'));
    });
  });
  s.push(...curve(r));
  s.push('</svg>');
  return `${s.join('\n')}\n`;
}

/** Right panel: speedup against pool size, one line per system and workload, the ideal dashed. */
function curve(r: Results): string[] {
  const counts = r.plan.scale;
  const series = Object.entries(r.scale).flatMap(([id, byW]) => Object.entries(byW ?? {}).map(([w, byP]) => ({
    id: id as SystemId, w,
    points: counts.map((p) => ({ p, cell: byP[p] })).flatMap(({ p, cell }) => (cell?.ok ? [{ p, v: cell.summary.median }] : [])),
  })));
  const maxP = counts.at(-1) ?? 1;
  const maxY = Math.ceil(Math.max(maxP, ...series.flatMap((s) => s.points.map((p) => p.v))));
  const H = 240;
  const y0 = TOP + H;
  const xOf = (p: number): number => CURVE_X + (maxP === 1 ? CURVE_W / 2 : ((p - 1) / (maxP - 1)) * CURVE_W);
  const yOf = (v: number): number => y0 - (v / maxY) * H;
  const s: string[] = [];
  s.push(text(CURVE_X + CURVE_W / 2, TOP - 10, 'speedup (sequential ÷ parallel) by pool size', 11, 'middle', 'bold'));
  for (let v = 0; v <= maxY; v += maxY > 8 ? 2 : 0.5) {
    s.push(`<line x1="${CURVE_X}" y1="${yOf(v)}" x2="${CURVE_X + CURVE_W}" y2="${yOf(v)}" stroke="#eee"/>`);
    s.push(text(CURVE_X - 6, yOf(v) + 4, `${v}×`, 10, 'end', 'normal', '#555'));
  }
  for (const p of counts) s.push(text(xOf(p), y0 + 14, String(p), 10, 'middle', 'normal', '#555'));
  s.push(text(CURVE_X + CURVE_W / 2, y0 + 30, 'processes in the pool', 10, 'middle', 'normal', '#555'));
  s.push(`<line x1="${xOf(1)}" y1="${yOf(1)}" x2="${xOf(maxP)}" y2="${yOf(maxP)}" stroke="#999" stroke-dasharray="4 3"/>`);
  s.push(text(xOf(maxP) - 8, yOf(maxP) + 14, 'ideal', 10, 'end', 'normal', '#999'));
  series.forEach((line, i) => {
    const dash = line.w === 'd' ? ' stroke-dasharray="2 2"' : '';
    const pts = line.points.map((p) => `${xOf(p.p)},${yOf(p.v)}`).join(' ');
    s.push(`<polyline points="${pts}" fill="none" stroke="${COLORS[line.id]}" stroke-width="2"${dash}/>`);
    for (const p of line.points) {
      s.push(`<circle cx="${xOf(p.p)}" cy="${yOf(p.v)}" r="3" fill="${COLORS[line.id]}"><title>${label(line.id)} ${line.w}, ` +
        `${p.p} processes: ${p.v.toFixed(2)}×</title></circle>`);
    }
    const last = line.points.at(-1);
    const ly = y0 + 50 + i * 15;
    s.push(`<line x1="${CURVE_X}" y1="${ly - 4}" x2="${CURVE_X + 22}" y2="${ly - 4}" stroke="${COLORS[line.id]}" stroke-width="2"${dash}/>`);
    s.push(text(CURVE_X + 28, ly, `${label(line.id)} · ${line.w}${line.w === 'd' ? ' (the seed’s n)' : ' (~equal task time)'}` +
      (last ? ` — ${last.v.toFixed(2)}× at ${last.p}` : ''), 10));
  });
  return s;
}

function text(x: number, y: number, content: string, size: number, anchor = 'start', weight = 'normal', fill = '#222'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" text-anchor="${anchor}" font-weight="${weight}" ` +
    `fill="${fill}">${escape(content)}</text>`;
}

function escape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
