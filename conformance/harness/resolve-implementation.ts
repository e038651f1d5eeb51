/**
 * Turns `--impl NAME|MODULE` into an Implementation, and checks that what a module exports has the shape
 * the suite needs, so a misconfigured adapter gets one clear error instead of a crash inside a rule.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPABILITIES, type Implementation } from './implementation.js';

/** Adapters that ship with the suite, by name. */
export const BUILT_IN: Record<string, string> = {
  reference: '../adapters/reference/index.js',
  cpython: '../adapters/cpython/index.js',
};

export async function resolveImplementation(spec: string): Promise<Implementation> {
  const url = spec in BUILT_IN ? new URL(BUILT_IN[spec]!, import.meta.url).href : pathToFileURL(resolve(spec)).href;
  let module: { default?: unknown; implementation?: unknown };
  try {
    module = (await import(url)) as typeof module;
  } catch (error) {
    const known = Object.keys(BUILT_IN).join(', ');
    throw new Error(`cannot load implementation "${spec}" (built-in names: ${known}; or a path to a module): ${String(error)}`);
  }
  const candidate = module.implementation ?? module.default;
  const problems = shapeProblems(candidate);
  if (problems.length > 0) {
    throw new Error(`${spec} does not export a usable Implementation:\n- ${problems.join('\n- ')}`);
  }
  return candidate as Implementation;
}

/** Every way `value` falls short of the Implementation interface. */
export function shapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) {
    return ['export `implementation` (or a default export): an object with name, description, capabilities and open()'];
  }
  const impl = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof impl.name !== 'string' || impl.name === '') problems.push('name: a non-empty string is missing');
  if (typeof impl.description !== 'string') problems.push('description: a string is missing');
  if (!(impl.capabilities instanceof Set)) problems.push('capabilities: a Set of capability names is missing');
  else {
    const unknown = [...impl.capabilities].filter((c) => !(String(c) in CAPABILITIES));
    if (unknown.length > 0) problems.push(`capabilities: unknown ${unknown.join(', ')} (known: ${Object.keys(CAPABILITIES).join(', ')})`);
  }
  if (typeof impl.open !== 'function') problems.push('open(): a function returning Promise<Session> is missing');
  return problems;
}
