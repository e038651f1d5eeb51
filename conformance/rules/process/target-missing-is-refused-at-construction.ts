import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.target.missing-is-refused-at-construction',
  statement:
    'A Process without a target is refused when it is created, with an error that names target: a child that ' +
    'would run nothing is a mistake (a forgotten or misspelt option) rather than a program.',
  source: 'beyond',
  cpython: {
    does: 'CPython accepts a Process without a target: it starts, runs nothing and exits with code 0.',
    failure: /creating a Process without a target: expected "an error matching .*observed "no error/,
  },
  needs: ['process', 'process.no-target'],
  async check(session) {
    // expectRejects also requires a real Error: a look-alike object would not be one a caller can catch by class.
    await expectRejects(() => session.createProcess({ target: null }), /target/, 'creating a Process without a target', 5000);
  },
});
