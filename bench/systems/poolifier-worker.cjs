/**
 * poolifier's cluster worker, with the shared tasks. CommonJS on purpose: an ES-module cluster worker loads
 * asynchronously and misses poolifier's start-up message (the pool then waits forever for its first result).
 */
const { ClusterWorker } = require('poolifier');
const { echo, mapChunk, sleepFor, square, sumSquares } = require('../tasks/work.mjs');

module.exports = new ClusterWorker({ square, sumSquares, echo, mapChunk, sleepFor });
