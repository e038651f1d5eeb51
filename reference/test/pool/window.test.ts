import test from 'ava';
import { WindowSizer } from '../../src/pool/window.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test('a worker may hold 1 chunk before any chunk was measured: unmeasured work may be slow', (t) => {
  t.is(new WindowSizer().size, 1);
});

test('slow chunks (SLOW_MS, 5 ms, or more) keep one chunk per worker', (t) => {
  for (const ms of [5, 6, 50, 5000]) {
    const sizer = new WindowSizer();
    sizer.record(ms);
    t.is(sizer.size, 1, `after one chunk of ${ms} ms`);
  }
  const sizer = new WindowSizer();
  for (let i = 0; i < 20; i++) sizer.record(30);
  t.is(sizer.size, 1, 'after many chunks of 30 ms');
});

test('chunks of a few ms (under SLOW_MS) keep 2 per worker, so the next one is there when one ends', (t) => {
  for (const ms of [2.1, 3, 4, 4.9]) {
    const sizer = new WindowSizer();
    for (let i = 0; i < 10; i++) sizer.record(ms);
    t.is(sizer.size, 2, `after chunks of ${ms} ms`);
  }
});

test('one chunk held up (a GC pause, a busy CPU) does not shrink the window', (t) => {
  const sizer = new WindowSizer();
  for (let i = 0; i < 50; i++) sizer.record(1);
  sizer.record(90);
  t.is(sizer.size, 2, 'after one chunk of 90 ms among chunks of 1 ms');
  const quick = new WindowSizer();
  for (let i = 0; i < 50; i++) quick.record(0.01);
  const before = quick.size;
  quick.record(50);
  t.true(quick.size >= before / 4, `window ${before} fell to ${quick.size} after one chunk of 50 ms`);
});

test('work that became slow goes back to one chunk per worker within a few chunks', (t) => {
  const sizer = new WindowSizer();
  for (let i = 0; i < 50; i++) sizer.record(1);
  let chunks = 0;
  while (sizer.size > 1) {
    sizer.record(1000);
    chunks++;
  }
  t.true(chunks <= 5, `${chunks} chunks of 1 s before the window was 1`);
});

test('quick chunks let the window grow, never below 2, and the quicker the larger', (t) => {
  const sizes = [4, 1, 0.5, 0.1, 0.02].map((ms) => {
    const sizer = new WindowSizer();
    for (let i = 0; i < 50; i++) sizer.record(ms);
    return sizer.size;
  });
  t.true(sizes.every((size) => size >= 2), `sizes ${sizes}`);
  for (let i = 1; i < sizes.length; i++) t.true(sizes[i]! >= sizes[i - 1]!, `sizes ${sizes} grow as chunks get quicker`);
  t.true(sizes.at(-1)! > 2, `sizes ${sizes}`);
});

test('the window grows step by step while chunks stay quick', (t) => {
  const sizer = new WindowSizer();
  sizer.record(4);
  const first = sizer.size;
  let last = first;
  for (let i = 0; i < 40; i++) {
    sizer.record(0.05);
    t.true(sizer.size >= last, `size went from ${last} down to ${sizer.size}`);
    last = sizer.size;
  }
  t.true(last > first, `grew from ${first} to ${last}`);
});

test('the window is capped at 256 chunks, even for chunks measured at 0 ms', (t) => {
  const sizer = new WindowSizer();
  for (let i = 0; i < 200; i++) sizer.record(0);
  t.is(sizer.size, 256);
  const tiny = new WindowSizer();
  for (let i = 0; i < 200; i++) tiny.record(0.001);
  t.is(tiny.size, 256);
});

test('a slow spell shrinks the window back to 1', (t) => {
  const sizer = new WindowSizer();
  for (let i = 0; i < 50; i++) sizer.record(0.001);
  t.is(sizer.size, 256);
  for (let i = 0; i < 50; i++) sizer.record(30);
  t.is(sizer.size, 1);
});
