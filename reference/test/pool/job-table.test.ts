import test from 'ava';
import { JobTable } from '../../src/pool/job-table.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test('jobs are found by id until deleted, and listed in id order', (t) => {
  const table = new JobTable<string>();
  for (let id = 0; id < 3000; id++) table.set(id, `job ${id}`);
  t.is(table.size, 3000);
  t.is(table.get(0), 'job 0');
  t.is(table.get(1024), 'job 1024');
  t.is(table.get(2999), 'job 2999');
  t.is(table.get(3000), undefined);
  t.true(table.delete(1024));
  t.false(table.delete(1024), 'a second delete finds nothing');
  t.false(table.has(1024));
  t.true(table.has(1023));
  t.is(table.size, 2999);
  const listed = [...table.values()];
  t.is(listed.length, 2999);
  t.deepEqual(listed.slice(1022, 1025), ['job 1022', 'job 1023', 'job 1025']);
  table.clear();
  t.is(table.size, 0);
  t.deepEqual([...table.values()], []);
  t.is(table.get(5), undefined);
});

test('ended jobs leave no pages behind, and a job that never ends keeps only its own page', (t) => {
  const table = new JobTable<number>();
  // One job that never ends, then bursts of jobs that all end.
  table.set(0, 0);
  let id = 1;
  for (let burst = 0; burst < 20; burst++) {
    const first = id;
    for (let i = 0; i < 5000; i++) table.set(id, id++);
    for (let i = first; i < id; i++) t.true(table.delete(i));
  }
  t.is(table.size, 1);
  t.deepEqual([...table.values()], [0]);
  // The never-ending job's page, and the page the next id goes to.
  t.true(table.pages <= 2, `${table.pages} pages held for 1 job`);
  // One at a time (apply after apply): the page being filled is kept, not made again for every job.
  const calm = new JobTable<number>();
  for (let n = 0; n < 5000; n++) {
    calm.set(n, n);
    calm.delete(n);
    t.true(calm.pages <= 1);
  }
  t.is(calm.size, 0);
});
