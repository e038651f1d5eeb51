/**
 * The cluster section's round-trip rows (bench/cluster/section.ts): the plain-BullMQ limit measured in the same
 * run sits beside the cluster pool's figures, and a goal that BullMQ alone misses still reads "not met", with
 * what bounds it. Nothing reads "met" on a figure that did not run.
 */
import test from 'ava';
import { renderClusterSection, tripVerdict, type ClusterSection } from '../../../bench/cluster/section.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const figures = (applyP50Ms: number, applyP99Ms: number) => ({ spinPerS: 190, mapItemsPerS: 1e5, applyP50Ms, applyP99Ms });

test('a round trip under its goal is met, whatever the limit', (t) => {
  t.is(tripVerdict(0.8, 2, 1), 'met');
  t.is(tripVerdict(0.8, undefined, 1), 'met');
});

test('a goal that plain BullMQ itself misses stays not met, naming the limit and the ratio to it', (t) => {
  t.is(tripVerdict(3, 1.5, 1), 'not met; bounded by BullMQ itself (1.50 ms > 1 ms), 2.00× it');
});

test('the bound with the hand-off to a process is named beside plain BullMQ\'s when it ran', (t) => {
  t.is(tripVerdict(3, 1.5, 1, 2.5), 'not met; bounded by BullMQ itself (1.50 ms > 1 ms), 2.00× it; 1.20× BullMQ with the hand-off to a process (2.50 ms)');
  t.is(tripVerdict(3, 0.75, 1, 2), 'not met; 4.00× plain BullMQ; 1.50× BullMQ with the hand-off to a process (2.00 ms)');
  t.is(tripVerdict(0.8, 1.5, 1, 2.5), 'met', 'a goal met is met, whatever the bounds');
});

test('a goal that plain BullMQ meets and the cluster pool misses says how far from BullMQ it is', (t) => {
  t.is(tripVerdict(3, 0.75, 1), 'not met; 4.00× plain BullMQ');
});

test('no figure, or no limit: not measured, or plain not met', (t) => {
  t.is(tripVerdict(undefined, 1.5, 1), 'not measured');
  t.is(tripVerdict(Number.NaN, 1.5, 1), 'not measured');
  t.is(tripVerdict(3, undefined, 1), 'not met');
});

test('the section shows the limit row with both ratios, and the goal rows name the bound', (t) => {
  const section: ClusterSection = {
    redis: 'test', local: figures(0.2, 0.5), cluster: figures(4, 20), bullmqApply: { p50Ms: 2, p99Ms: 10 },
    bullmqHandoffApply: { p50Ms: 3.2, p99Ms: 16 },
  };
  const md = renderClusterSection(section, 2).join('\n');
  t.regex(md, /\| limit with the hand-off issue 19 requires[^|]*\|  \| 3\.20 \/ 16\.0 ms \| cluster ÷ limit: 1\.25× \/ 1\.25× \| measured bound \| measured \|/);
  t.regex(md, /\| limit: plain BullMQ[^|]*\|  \| 2\.00 \/ 10\.0 ms \| cluster ÷ limit: 2\.00× \/ 2\.00× \| measured bound \| measured \|/);
  t.regex(md, /round trips, p50 \| 0\.20 ms \| 4\.00 ms \|  \| ≤ 1 ms \| not met; bounded by BullMQ itself \(2\.00 ms > 1 ms\), 2\.00× it; 1\.25× BullMQ with the hand-off to a process \(3\.20 ms\) \|/);
  t.regex(md, /… p99 \| 0\.50 ms \| 20\.0 ms \|  \| ≤ 5 ms \| not met; bounded by BullMQ itself \(10\.00 ms > 5 ms\), 2\.00× it; 1\.25× BullMQ with the hand-off to a process \(16\.00 ms\) \|/);
});

test('without the limit, its row reads not measured and the goal rows plain not met', (t) => {
  const md = renderClusterSection({ redis: 'test', local: figures(0.2, 0.5), cluster: figures(4, 20) }, 2).join('\n');
  t.regex(md, /\| limit: plain BullMQ[^|]*\|  \| — \/ — ms \|  \| measured bound \| not measured \|/);
  t.regex(md, /\| limit with the hand-off[^|]*\|  \| — \/ — ms \|  \| measured bound \| not measured \|/);
  t.regex(md, /round trips, p50 \|[^\n]*\| not met \|/);
});
