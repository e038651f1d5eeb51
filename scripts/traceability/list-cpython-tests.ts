/**
 * Writes conformance/traceability/cpython-tests.json: every class of CPython's Lib/test/_test_multiprocessing.py
 * that defines `test_*` methods, with those methods in source order, read from the file's syntax tree by the
 * interpreter itself (python3), so that nothing is guessed from indentation.
 *
 *   npx tsx scripts/traceability/list-cpython-tests.ts [path/to/_test_multiprocessing.py]
 *
 * Without an argument it reads the file of the `python3` on PATH. The JSON records that Python's version: the
 * traceability lint checks the data files against this list, not against whatever Python is installed.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { repoPath } from '../../test-support/repo-paths.js';

// Methods defined in the class body, also under `if`/`try` (some tests exist only on some platforms).
const LIST = String.raw`
import ast, json, sys, sysconfig, os
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(sysconfig.get_paths()['stdlib'], 'test', '_test_multiprocessing.py')
tree = ast.parse(open(path, encoding='utf-8').read())
def methods(body):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name
        elif isinstance(node, ast.If):
            yield from methods(node.body); yield from methods(node.orelse)
        elif isinstance(node, ast.Try):
            yield from methods(node.body)
classes = []
for node in tree.body:
    if isinstance(node, ast.ClassDef):
        tests = list(dict.fromkeys(m for m in methods(node.body) if m.startswith('test')))
        if tests:
            classes.append({'name': node.name, 'line': node.lineno, 'bases': [ast.unparse(b) for b in node.bases], 'tests': tests})
print(json.dumps({'python': sys.version.split()[0], 'file': 'Lib/test/_test_multiprocessing.py', 'classes': classes}))
`;

const file = process.argv[2];
const listed = JSON.parse(execFileSync('python3', ['-c', LIST, ...(file === undefined ? [] : [file])], { encoding: 'utf8' })) as {
  python: string;
  file: string;
  classes: { name: string; line: number; bases: string[]; tests: string[] }[];
};
const out = repoPath('conformance', 'traceability', 'cpython-tests.json');
writeFileSync(out, `${JSON.stringify({ generatedBy: 'scripts/traceability/list-cpython-tests.ts', ...listed }, null, 2)}\n`);
const methods = listed.classes.reduce((sum, c) => sum + c.tests.length, 0);
console.log(`Python ${listed.python}: ${listed.classes.length} classes, ${methods} test methods -> ${out}`);
