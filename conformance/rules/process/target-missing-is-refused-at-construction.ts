import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.target.missing-is-refused-at-construction',
  statement:
    'A Process without a target is refused when it is created, with a TypeError that names target: a child that ' +
    'would run nothing is a mistake (a forgotten or misspelt option) rather than a program.',
  source: 'beyond',
  cpython: {
    does: 'CPython accepts a Process without a target: it starts, runs nothing and exits with code 0.',
    failure: /creating a Process without a target: expected an error matching .*observed "no error/,
  },
  needs: ['process', 'process.no-target'],
  async check(session) {
    const error = await expectRejects(() => session.createProcess({ target: null }), /target/, 'creating a Process without a target', 5000);
    expectError(error, { name: 'TypeError' }, 'creating a Process without a target');
  },
});
