import type { AsyncResultHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { ASYNC_SUBMIT } from './lib/trace-view.js';

export default defineMutant({
  name: 'pool-results-routed-to-latest',
  area: 'pool',
  violation: 'every AsyncResult of a pool answers with the most recently submitted one (results not routed by job id)',
  aims: ['pool.applyasync.get-returns-the-value'],
  reaches: (t) =>
    t.some('result', ['get', 'wait', 'ready', 'successful'], (e) => {
      const pool = t.poolOf(e.handle);
      const later = t.calls('pool', ASYNC_SUBMIT).filter((s) => s.handle === pool && t.indexOf(s) < t.indexOf(e) && s.creates !== e.handle);
      return later.some((s) => s.creates! > e.handle);
    }),
  result: {
    get: (base, { pool }) => {
      pool.state.latest = base;
      return (timeoutMs) => (pool.state.latest as AsyncResultHandle).get(timeoutMs);
    },
    wait: (_base, { pool }) => (timeoutMs) => (pool.state.latest as AsyncResultHandle).wait(timeoutMs),
    ready: (_base, { pool }) => () => (pool.state.latest as AsyncResultHandle).ready(),
    successful: (_base, { pool }) => () => (pool.state.latest as AsyncResultHandle).successful(),
  },
});
