/**
 * Instances of registered value classes (`tasks(import.meta, { Point })`) in a cluster pool's arguments and
 * initargs. Locally they cross with a class table beside the value (revive.ts), naming each class by its module's
 * URL in the parent. Across machines two things change: the table and the value must be written in one V8
 * serialization (the table's entries are the very objects inside the value), and a class's module is found the way
 * a task's is (task-resolver.ts): among the modules the worker command was started with, at the same URL or with
 * the same file name; a class of any other module refuses the chunk, and nothing named in Redis is imported.
 */
import { deserialize, serialize } from 'node:v8';
import type { ClassTable } from '../../revive.js';
import type { Values } from '../../pool/packed.js';

/** A chunk's items and their class table, in one payload (the job's `c: 1` says which layout `p` has). */
export function encodeWithClasses(values: Values | readonly unknown[], classes: ClassTable): string {
  return Buffer.from(serialize([values, classes])).toString('base64');
}

export function decodeWithClasses(payload: string): { values: Values; classes: ClassTable } {
  const [values, classes] = deserialize(Buffer.from(payload, 'base64')) as [Values, ClassTable];
  return { values, classes };
}

/**
 * `table` with each class's module named by its local URL (`resolve`: TaskResolver.localModule, or a lookup
 * among the same list). Throws the TaskReferenceError of the first module this worker was not started with.
 */
export function localClasses(table: ClassTable, resolve: (moduleUrl: string) => string): ClassTable {
  const refs = [...table.refs];
  for (let i = 0; i + 1 < refs.length; i += 2) refs[i] = resolve(refs[i]!);
  return { refs, marks: table.marks };
}
