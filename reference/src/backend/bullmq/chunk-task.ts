/**
 * The module a cluster worker command's local pools run chunks from: it registers the library's chunk runner
 * (cluster-chunk-runner.ts) under this module's URL, which the worker command names in each local call. The build
 * writes dist/chunk-task.js as the same few lines over the package's one copy (scripts/bundle.mjs).
 */
import { installClusterChunkTask } from './cluster-chunk-runner.js';

export const { runClusterChunk, preloadModules } = installClusterChunkTask(import.meta);
