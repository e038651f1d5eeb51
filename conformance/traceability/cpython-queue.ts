/**
 * CPython's _TestQueue (Lib/test/_test_multiprocessing.py, 3.11.7), method by method.
 */
import { defineTestGroup } from './define.js';

export default defineTestGroup({
  classes: ['_TestQueue'],
  tests: [
    {
      // Queue(maxsize=6) filled by every put form, then Full at once without blocking and after TIMEOUT1/3 with it;
      // a child's gets make it empty and not full again.
      test: '_TestQueue.test_put',
      rules: [
        'queue.state.empty-and-full-follow-the-contents',
        'queue.put.nowait-on-full-raises-full',
        'queue.put.timeout-on-full-raises-full',
        'queue.state.a-childs-puts-show-in-qsize-empty-and-full',
        'queue.put.blocked-put-resumes-when-a-consumer-makes-room',
      ],
    },
    {
      // A child puts 2..5; the parent gets them with every get form, then Empty at once without blocking and
      // after TIMEOUT1/3 with it.
      test: '_TestQueue.test_get',
      rules: [
        'queue.fifo.one-producer-keeps-order',
        'queue.get.nowait-on-empty-raises-empty',
        'queue.get.timeout-raises-empty',
        'queue.get.timeout-returns-as-soon-as-an-item-arrives',
      ],
    },
    {
      // The parent's items (its feeder thread started before the fork) and a child's all arrive, each in order.
      test: '_TestQueue.test_fork',
      rules: ['queue.fifo.one-producer-keeps-order', 'queue.concurrency.every-item-once-in-each-producers-order'],
    },
    { test: '_TestQueue.test_qsize', rules: ['queue.qsize.counts-items-in-the-same-process'] },
    { test: '_TestQueue.test_task_done', reason: 'out of scope: JoinableQueue (task_done/join) is not implemented' },
    {
      test: '_TestQueue.test_no_import_lock_contention',
      reason: 'not applicable: Python\'s import lock (a queue used while a module is being imported); ES modules have no such lock',
    },
    { test: '_TestQueue.test_timeout', rules: ['queue.get.timeout-raises-empty'] },
    {
      // put(NotSerializable()) then put(True): True arrives; with maxsize=1 the dropped item frees its slot.
      test: '_TestQueue.test_queue_feeder_donot_stop_onexc',
      rules: ['queue.put.unsendable-item-is-dropped-and-later-items-arrive', 'queue.put.unsendable-item-is-refused-in-the-caller'],
    },
    {
      test: '_TestQueue.test_queue_feeder_on_queue_feeder_error',
      reason:
        'not applicable: overrides the private hook Queue._on_queue_feeder_error of a subclass; the reference has no feeder thread, and the queue going on after an unsendable item is covered elsewhere (test_queue_feeder_donot_stop_onexc)',
    },
    { test: '_TestQueue.test_closed_queue_put_get_exceptions', rules: ['queue.close.then-put-fails'] },
  ],
});
