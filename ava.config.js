// ava for `npm test`, over the compiled tree in .tmp/js (built by `npm run build:js`, which `pretest` runs).
// The conformance mutants test is the run's longest file by far (~1,500 mutant × rule pairs, 8 at a time, 10 min
// on 2 cores): started first, it runs beside all the others instead of after most of them, which kept CI near
// its 15-minute limit. The other files keep ava's own order.
const FIRST = ['conformance/test/mutants.test.js'];
const rank = (file) => {
  const index = FIRST.findIndex((suffix) => file.endsWith(suffix));
  return index === -1 ? FIRST.length : index;
};

export default {
  files: [
    '.tmp/js/reference/test/**/*.test.js',
    '.tmp/js/conformance/test/**/*.test.js',
    '.tmp/js/properties/**/*.prop.js',
    '.tmp/js/examples/test/**/*.test.js',
  ],
  workerThreads: false,
  timeout: '2m',
  sortTestFiles: (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
};
