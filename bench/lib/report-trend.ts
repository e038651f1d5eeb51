/**
 * reports/bench-trend.svg, drawn by hand like bench.svg: one small panel per headline ratio, its value over the
 * last runs of the history (oldest left), the goal dashed. A point is hollow when its run's machine was busy
 * (load average above half the CPUs before the run), so a dip there reads as noise, not as a regression.
 */
import { HEADLINES } from './goals.js';
import type { HistoryEntry } from './history.js';

/** Runs drawn: the newest ones. */
export const TREND_RUNS = 12;
const W = 230;
const H = 120;
const PAD = { left: 40, right: 12, top: 34, bottom: 12 };
const COLS = 3;

/** The points one panel draws: [run index among the drawn runs, value, busy]. */
export function trendPoints(entries: readonly HistoryEntry[], key: string): [number, number, boolean][] {
  return entries.slice(-TREND_RUNS).flatMap((e, i) => {
    const v = e.headlines[key];
    return v === null || v === undefined || !Number.isFinite(v) ? [] : [[i, v, e.load[0] > e.cpus / 2] as [number, number, boolean]];
  });
}

export function renderTrend(entries: readonly HistoryEntry[]): string {
  const runs = Math.min(entries.length, TREND_RUNS);
  const rows = Math.ceil(HEADLINES.length / COLS);
  const width = COLS * W;
  const height = rows * H + 24;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="16" font-size="12" font-weight="bold">Headline ratios over the last ${runs} run${runs === 1 ? '' : 's'} ` +
      `(oldest left; dashed: goal; hollow: machine busy)</text>`,
  ];
  HEADLINES.forEach((h, n) => {
    const x0 = (n % COLS) * W;
    const y0 = 24 + Math.floor(n / COLS) * H;
    const points = trendPoints(entries, h.key);
    const values = [...points.map((p) => p[1]), h.goal];
    let lo = Math.min(...values) * 0.9;
    let hi = Math.max(...values) * 1.1;
    if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
    const px = (i: number): number => x0 + PAD.left + (runs <= 1 ? 0.5 : i / (runs - 1)) * (W - PAD.left - PAD.right);
    const py = (v: number): number => y0 + H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const last = points.at(-1);
    out.push(`<text x="${x0 + 8}" y="${y0 + 14}" font-weight="bold">${esc(h.key)}</text>`,
      `<text x="${x0 + 8}" y="${y0 + 26}" fill="#555">goal ${h.better === 'higher' ? '≥' : '≤'} ${h.goal}×${last ? `, last ${last[1].toFixed(2)}×` : ''}</text>`,
      `<rect x="${x0 + PAD.left}" y="${y0 + PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#ddd"/>`,
      `<line x1="${x0 + PAD.left}" x2="${x0 + W - PAD.right}" y1="${f(py(h.goal))}" y2="${f(py(h.goal))}" stroke="#2ca02c" stroke-dasharray="4 3"/>`,
      `<text x="${x0 + PAD.left - 4}" y="${f(py(hi) + 8)}" text-anchor="end">${hi.toFixed(2)}</text>`,
      `<text x="${x0 + PAD.left - 4}" y="${f(py(lo))}" text-anchor="end">${lo.toFixed(2)}</text>`);
    if (points.length === 0) {
      out.push(`<text x="${x0 + W / 2}" y="${y0 + H / 2 + 4}" text-anchor="middle" fill="#888">not measured</text>`);
      return;
    }
    if (points.length > 1) {
      out.push(`<polyline fill="none" stroke="#d62728" stroke-width="1.5" points="${points.map(([i, v]) => `${f(px(i))},${f(py(v))}`).join(' ')}"/>`);
    }
    for (const [i, v, busy] of points) {
      out.push(`<circle cx="${f(px(i))}" cy="${f(py(v))}" r="3" fill="${busy ? 'white' : '#d62728'}" stroke="#d62728"/>`);
    }
  });
  out.push('</svg>', '');
  return out.join('\n');
}

function f(v: number): string {
  return v.toFixed(1);
}

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
