/**
 * Where the time goes in .cpuprofile files (from `node --cpu-prof`): self time by function and by file,
 * biggest first. Usage: node bench/profile/summarize-cpuprofile.mjs DIR_OR_FILES… [--top N]
 * To profile a system process and its workers (the flag must reach the workers, hence NODE_OPTIONS):
 *   env -u NODE_EXTRA_CA_CERTS NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" \
 *     node bench/systems/multiproc.mjs tasks '{"processes":2,"reps":3,"n":20000}'
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt === -1 ? 25 : Number(args.splice(topAt, 2)[1]);
const files = args.flatMap((a) => (statSync(a).isDirectory()
  ? readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(a, f)) : [a]));

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const total = profile.samples.length;
  // timeDeltas are per sample; weight each sample by its delta so that idle gaps count as idle.
  const ms = new Map();
  profile.samples.forEach((id, i) => ms.set(id, (ms.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  let wall = 0;
  for (const [id, t] of ms) {
    wall += t;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url === '' ? '' : `${basename(url)}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + t);
  }
  const byFile = new Map();
  for (const [id, t] of ms) {
    const { url, functionName } = byId.get(id).callFrame;
    const key = url === '' ? functionName : url.replace(/^.*\/(node_modules|dist|bench)\//, '$1/').replace(/^node:/, 'node:');
    byFile.set(key, (byFile.get(key) ?? 0) + t);
  }
  const show = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, t]) => `  ${t.toFixed(1).padStart(8)} ms ${((100 * t) / wall).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`\n=== ${basename(file)}: ${wall.toFixed(0)} ms, ${total} samples\n-- self time by function\n${show(self)}\n-- by file\n${show(byFile)}`);
}
