/**
 * The words for an item that could not cross: they are written while a failure is being reported, so they must
 * come out whatever was thrown, as the message of anything thrown does everywhere else (describe-thrown.ts).
 */
import test from 'ava';
import { unreadableItem, unwritableItem } from '../../src/queue/items.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const messageThrows = new Error('never read');
Object.defineProperty(messageThrows, 'message', {
  get() {
    throw new Error('trap sprung');
  },
});

const THROWN: Record<string, [unknown, RegExp]> = {
  'a DataCloneError': [new DOMException('f() could not be cloned.', 'DataCloneError'), /\(f\(\) could not be cloned[;)]/],
  'a null-prototype object': [Object.assign(Object.create(null) as object, { code: 7 }), /\(\[Object: null prototype\] \{ code: 7 \}[;)]/],
  'an Error whose message getter throws': [messageThrows, /\(<the message could not be read: trap sprung>[;)]/],
  'undefined': [undefined, /\(undefined[;)]/],
};

for (const [what, [thrown, shown]] of Object.entries(THROWN)) {
  test(`an item that could not be read or written is described whatever was thrown: ${what}`, (t) => {
    t.regex(unreadableItem(thrown), /^a Queue item cannot be sent to another process: the process that hosts the queue could not read it back/);
    t.regex(unreadableItem(thrown), shown);
    t.regex(unwritableItem(thrown), /^a Queue item cannot be sent to another process: the process that hosts the queue could not write it/);
    t.regex(unwritableItem(thrown), shown);
  });
}
