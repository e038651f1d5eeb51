/**
 * Issue 20's memory workloads for the Node systems (harness.mjs runs them as its own): one large payload, a long
 * map, and an endless imap consumed slowly. Each runs in a fresh process, so the parent's peak RSS (maxRSS, a
 * high-water mark) above its baseline, taken once the pool is up and warm, is the workload's own.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { square } from '../tasks/work.mjs';
import { check } from './check.mjs';
import { parentPeakMiB as peakMiB, peakMemory } from './memory.mjs';

/** An endless imap stops early when the parent has grown this much: it buffers without bound. */
const RUNAWAY_MIB = 512;

export const MEMORY_WORKLOADS = {
  /** m. One `mb` MiB Uint8Array through map(echo) and back: the parent's peak above its baseline ÷ the payload. */
  async bigPayload(adapter, { processes, mb }) {
    const pool = await adapter.start(processes, 'echo');
    try {
      await adapter.map(pool, 'echo', [new Uint8Array(1024), new Uint8Array(1024)]);
      const base = peakMiB();
      const payload = new Uint8Array(mb * 2 ** 20);
      for (let i = 0; i < payload.length; i += 4096) payload[i] = (i >> 12) & 0xff;
      const t0 = performance.now();
      const [back] = await adapter.map(pool, 'echo', [payload]);
      const ms = performance.now() - t0;
      check(back instanceof Uint8Array && back.length === payload.length && back[payload.length - 4096] === payload[payload.length - 4096],
        'the payload came back wrong');
      const above = peakMiB() - base;
      return { samples: [above / mb], extra: { baseMiB: base, aboveMiB: above, ms }, memory: peakMemory() };
    } finally {
      await adapter.stop(pool);
    }
  },

  /** l. map over `n` integers once: the parent's peak above its baseline (MiB), and items/s. */
  async mapLong(adapter, { processes, n }) {
    const pool = await adapter.start(processes, 'map');
    try {
      await adapter.map(pool, 'square', [1, 2, 3, 4]);
      const base = peakMiB();
      const items = Array.from({ length: n }, (_, i) => i);
      const t0 = performance.now();
      const values = await adapter.map(pool, 'square', items);
      const ms = performance.now() - t0;
      check(values.length === n && values[n - 1] === square(n - 1), 'the map results are wrong');
      const above = peakMiB() - base;
      return { samples: [above], extra: { baseMiB: base, itemsPerS: n / (ms / 1000) }, memory: peakMemory() };
    } finally {
      await adapter.stop(pool);
    }
  },

  /**
   * i. imap over a generator that never ends, for `seconds`, the consumer sleeping `sleepMs` after every
   * `every` items. The parent's peak above its baseline is read at each tenth of the run; bounded means it stops
   * growing: the figure is its growth over the second half (MiB). `maxAhead`: the most items the input was read
   * ahead of the consumer.
   */
  async imapEndless(adapter, { processes, seconds, sleepMs, every }) {
    if (adapter.imap === undefined) throw new Error('this system has no imap');
    const pool = await adapter.start(processes, 'map');
    try {
      await adapter.map(pool, 'square', [1, 2, 3, 4]);
      const base = peakMiB();
      let produced = 0;
      function* endless() {
        for (;;) yield produced++;
      }
      const t0 = performance.now();
      const tenth = (seconds * 1000) / 10;
      const checkpointsMiB = [];
      let consumed = 0;
      let maxAhead = 0;
      let runaway = false;
      for await (const value of adapter.imap(pool, 'square', endless(), 1)) {
        check(value === square(consumed), `item ${consumed} came back as ${value}`);
        consumed++;
        maxAhead = Math.max(maxAhead, produced - consumed);
        if (consumed % every === 0) await sleep(sleepMs);
        // getrusage only when a checkpoint is due or every `every` items (as the consumer sleeps), not per item:
        // a syscall per item would be part of what this loop measures. 512 MiB cannot pile up in `every` items.
        const due = performance.now() - t0 >= (checkpointsMiB.length + 1) * tenth;
        if (due || consumed % every === 0) {
          const grown = peakMiB() - base;
          if (due) checkpointsMiB.push(grown);
          if (grown > RUNAWAY_MIB) {
            runaway = true;
            break;
          }
        }
        if (checkpointsMiB.length >= 10) break;
      }
      const end = peakMiB() - base;
      const half = checkpointsMiB[4] ?? 0;
      return {
        samples: [end - half],
        extra: { checkpointsMiB, endMiB: end, consumed, maxAhead, runaway, seconds: (performance.now() - t0) / 1000 },
        memory: peakMemory(),
      };
    } finally {
      await adapter.stop(pool);
    }
  },
};
