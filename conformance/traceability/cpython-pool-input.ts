/**
 * _TestPool's tests of the map family, pool input, chunking and the pool as a context manager. _TestPool's other
 * methods (apply, callbacks, errors, terminate, …) are traced in the files of those areas, so this file lists
 * no class as covered completely.
 */
import { defineTestGroup } from './define.js';

export default defineTestGroup({
  classes: [],
  tests: [
    {
      test: '_TestPool.test_map',
      rules: ['pool.map.preserves-order', 'pool.map.default-chunksize-still-ordered', 'pool.map.chunksize-not-dividing-input-keeps-every-item'],
    },
    { test: '_TestPool.test_starmap', rules: ['pool.starmap.unpacks-argument-tuples', 'pool.map.default-chunksize-still-ordered'] },
    { test: '_TestPool.test_starmap_async', rules: ['pool.starmapasync.get-returns-list'] },
    { test: '_TestPool.test_map_async', rules: ['pool.mapasync.get-returns-list'] },
    { test: '_TestPool.test_map_unplicklable', rules: ['pool.map.unsendable-argument-raises-and-the-pool-goes-on'] },
    { test: '_TestPool.test_map_chunksize', rules: ['pool.map.empty-input-gives-empty-list', 'pool.imap.empty-input-yields-nothing'] },
    { test: '_TestPool.test_map_handle_iterable_exception', rules: ['pool.map.iterable-exception-raised-at-the-call'] },
    {
      test: '_TestPool.test_imap',
      rules: ['pool.imap.yields-in-order', 'pool.imap.chunksize-keeps-order', 'pool.imap.next-timeout-raises-and-the-item-still-comes'],
    },
    {
      test: '_TestPool.test_imap_handle_iterable_exception',
      rules: [
        'pool.imap.iterable-exception-after-the-read-items',
        'pool.imap.iterable-exception-drops-the-partial-chunk',
        'pool.imap.iterable-exception-keeps-the-partial-chunk',
      ],
    },
    { test: '_TestPool.test_imap_unordered', rules: ['pool.imapunordered.yields-each-result-once'] },
    { test: '_TestPool.test_imap_unordered_handle_iterable_exception', rules: ['pool.imap.iterable-exception-after-the-read-items'] },
    { test: '_TestPool.test_empty_iterable', rules: ['pool.map.empty-input-gives-empty-list', 'pool.imap.empty-input-yields-nothing'] },
    { test: '_TestPool.test_context', rules: ['pool.scope.leaving-terminates-the-pool'] },
    { test: '_TestPool.test_enter', rules: ['pool.scope.leaving-terminates-the-pool', 'pool.scope.entering-a-stopped-pool-fails'] },
  ],
});
