/**
 * Turns `--impl NAME|MODULE` into an Implementation, and checks that what a module exports has the shape the
 * suite needs, so a misconfigured adapter gets one clear error listing everything missing instead of a crash
 * inside a rule: at load time (exports, capabilities, the task catalog when the adapter lists it) and when its
 * first session opens (the factories and methods its capabilities call for).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPABILITIES, type Capability, type Implementation, type Session, TASKS, type TaskName } from './implementation.js';
import { ruleSources } from './load-rules.js';

/**
 * Adapters that ship with the suite, by name: only CPython's (`cpython[:METHOD][@PYTHON]`, handled apart). The
 * repository's self-test adds its own (the reference, the Node pools) through `ResolveOptions.builtIns`.
 */
export const BUILT_IN: Readonly<Record<string, string>> = {
  cpython: new URL('../adapters/cpython/index.js', import.meta.url).href,
};

/** The optional parts of the contract an adapter may fill in (now part of Implementation itself). */
export type AdapterExtras = Pick<Implementation, 'tasks' | 'unsupported' | 'deviations'>;

export type Adapter = Implementation;

export interface ResolveOptions {
  /** The interpreter of every CPython spec that names none (`--python`). */
  readonly python?: string;
  /** More adapters known by name (name → module URL), beside the ones that ship. */
  readonly builtIns?: Readonly<Record<string, string>>;
}

export async function resolveImplementation(spec: string, options: ResolveOptions = {}): Promise<Adapter> {
  // cpython[:fork|spawn|forkserver][@python]: one column per start method and interpreter (adapters/cpython).
  if (/^cpython[:@]/.test(spec) || (spec === 'cpython' && options.python !== undefined)) {
    const { cpythonImplementation, cpythonSpec } = await import('../adapters/cpython/index.js');
    return cpythonImplementation(cpythonSpec(spec, options.python));
  }
  const known: Readonly<Record<string, string>> = { ...BUILT_IN, ...options.builtIns };
  const builtIn = Object.hasOwn(known, spec);
  const path = resolve(callerDirectory(), spec);
  if (!builtIn && !existsSync(path)) {
    throw new Error(`cannot load implementation "${spec}": no built-in has that name (${Object.keys(known).join(', ')}) and ${path} does not exist`);
  }
  const url = builtIn ? known[spec]! : pathToFileURL(path).href;
  let module: { default?: unknown; implementation?: unknown };
  try {
    module = (await import(url)) as typeof module;
  } catch (error) {
    throw new Error(`cannot load implementation "${spec}": importing ${builtIn ? url : path} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const candidate = module.implementation ?? module.default;
  const problems = shapeProblems(candidate);
  if (problems.length > 0) {
    throw new Error(`${spec} does not export a usable Implementation:\n- ${problems.join('\n- ')}`);
  }
  return candidate as Adapter;
}

/**
 * Where a relative `--impl` path is read from: `npm run conformance` runs in the package's directory, but the
 * caller meant the directory npm was run from (INIT_CWD, which npm sets for its scripts).
 */
function callerDirectory(): string {
  const viaNpm = process.env['npm_lifecycle_event'] === 'conformance' ? process.env['INIT_CWD'] : undefined;
  return viaNpm ?? process.cwd();
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
    const claimed = [...impl.capabilities].map(String);
    const unknown = claimed.filter((c) => !(c in CAPABILITIES));
    if (unknown.length > 0) problems.push(`capabilities: unknown ${unknown.join(', ')} (known: ${Object.keys(CAPABILITIES).join(', ')})`);
    for (const capability of claimed) {
      const parent = capability.split('.')[0]!;
      if (parent !== capability && !claimed.includes(parent)) problems.push(`capabilities: ${capability} is claimed without ${parent}`);
    }
  }
  if (typeof impl.open !== 'function') problems.push('open(): a function returning Promise<Session> is missing');
  if (impl.tasks !== undefined) {
    if (!Array.isArray(impl.tasks)) problems.push('tasks: when given, an array of catalog task names');
    else {
      const unknown = impl.tasks.filter((task) => !(String(task) in TASKS));
      if (unknown.length > 0) problems.push(`tasks: not in the catalog: ${unknown.join(', ')}`);
      if (impl.capabilities instanceof Set) {
        const missing = tasksNeeded(impl.capabilities as ReadonlySet<string>).filter((task) => !(impl.tasks as unknown[]).includes(task));
        if (missing.length > 0) problems.push(`tasks: the rules of the claimed capabilities use ${missing.join(', ')}, which the adapter does not list (see the catalog in conformance/README.md)`);
      }
    }
  }
  if (impl.deviations !== undefined) {
    const deviations = impl.deviations;
    if (typeof deviations !== 'object' || deviations === null || Array.isArray(deviations)) problems.push('deviations: when given, an object of rule id → the reason');
    else {
      const bad = Object.entries(deviations).filter(([, reason]) => typeof reason !== 'string' || reason.trim() === '').map(([id]) => id);
      if (bad.length > 0) problems.push(`deviations: each needs its reason as a non-empty string: ${bad.join(', ')}`);
    }
  }
  return problems;
}

/** Declared deviations that name no rule (a typo, or a rule renamed or removed): an error, so the list stays true. */
export function deviationProblems(implementation: Implementation, ruleIds: Iterable<string>): string[] {
  const known = new Set(ruleIds);
  return Object.keys(implementation.deviations ?? {})
    .filter((id) => !known.has(id))
    .map((id) => `deviations: ${id} is no rule`);
}

/**
 * The catalog tasks used by the rules an implementation claiming `capabilities` runs, read from the rule files
 * (a task is named in quotes where a rule uses it: `target: 'exitWith'`, `pool.map('square', …)`).
 */
export function tasksNeeded(capabilities: ReadonlySet<string>): TaskName[] {
  const used = new Set<TaskName>();
  for (const { text } of ruleSources()) {
    // The text is a rule's source, or its compiled module in the package: quotes may be single or double.
    const needs = /needs:\s*\[([^\]]*)\]/.exec(text)?.[1]?.match(/['"]([^'"]+)['"]/g)?.map((q) => q.slice(1, -1)) ?? [];
    if (!needs.every((need) => capabilities.has(need))) continue;
    for (const task of Object.keys(TASKS) as TaskName[]) if (new RegExp(`['"]${task}['"]`).test(text)) used.add(task);
  }
  return [...used].sort();
}

/** Methods a session must have for the capabilities claimed, with the capability that needs each. */
const SESSION_NEEDS: readonly [string, Capability | 'always'][] = [
  ['createProcess', 'process'],
  ['currentProcess', 'always'],
  ['cpuCount', 'always'],
  ['close', 'always'],
  ['createPool', 'pool'],
  ['createQueue', 'queue' as Capability],
];

/** Every way an open session falls short of what the implementation claims. */
export function sessionProblems(implementation: Implementation, session: unknown): string[] {
  if (typeof session !== 'object' || session === null) return ['open() must resolve to a Session object'];
  const record = session as Record<string, unknown>;
  const problems: string[] = [];
  for (const [method, needed] of SESSION_NEEDS) {
    if (needed !== 'always' && !implementation.capabilities.has(needed)) continue;
    if (typeof record[method] !== 'function') {
      problems.push(needed === 'always' ? `session.${method}() is missing` : `claims '${needed}' but session.${method}() is missing`);
    }
  }
  return problems;
}

/**
 * Opens one session to check it: resolves undefined when usable; rejects with the list of problems when the
 * adapter is misconfigured; resolves with a reason when the implementation is not available (python3 missing).
 */
export async function probeImplementation(implementation: Implementation): Promise<string | undefined> {
  let session: Session;
  try {
    session = await implementation.open();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const problems = sessionProblems(implementation, session);
  await (session as Partial<Session>).close?.().catch(() => undefined);
  if (problems.length > 0) throw new Error(`${implementation.name}: its session does not match what it claims:\n- ${problems.join('\n- ')}`);
  return undefined;
}
