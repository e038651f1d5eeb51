/**
 * A registered class travels by module URL and key (revive.ts). The receiving process finds it only if that module
 * was imported there; a worker imports its task's module, which need not import the class's. When the parent sends
 * a class table, the child imports the missing modules first, as it imports a task's module: the parent names what
 * its children load. Only on that path: a table from a queue or from a child is never a reason to import anything
 * (nothing received from a peer runs as code), and a module that is not a file: URL is never imported.
 */
import { whileImportingTask } from './bootstrapping.js';
import { importModule } from './import-module.js';
import { reviveInstances } from './revive.js';
import { valueClassAt } from './task-registry.js';

/** The file: modules `table` names whose class this process has not registered (malformed entries skipped). */
function unloadedModules(table: unknown): string[] {
  const refs = (table as { refs?: unknown } | null)?.refs;
  if (!Array.isArray(refs)) return [];
  const missing = new Set<string>();
  for (let i = 0; i + 1 < refs.length; i += 2) {
    const [moduleUrl, key] = [refs[i], refs[i + 1]];
    if (typeof moduleUrl !== 'string' || typeof key !== 'string' || valueClassAt({ moduleUrl, key }) !== undefined) continue;
    if (URL.canParse(moduleUrl) && new URL(moduleUrl).protocol === 'file:') missing.add(moduleUrl);
  }
  return [...missing];
}

/**
 * Revives the instances the parent's `table` lists, importing first the modules of their classes this process has
 * not imported. A module that cannot be imported rejects: the task would otherwise get plain data without a word.
 */
export async function reviveFromParent(table: unknown): Promise<void> {
  if (reviveInstances(table)) return;
  const missing = unloadedModules(table);
  if (missing.length === 0) return;
  for (const moduleUrl of missing) await whileImportingTask(moduleUrl, () => importModule(moduleUrl));
  reviveInstances(table);
}
