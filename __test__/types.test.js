'use strict';

// Type tests: compiles the TypeScript files of __test__/types/ against our
// index.d.ts with the project's own tsc (devDependency `typescript`).
// - tsconfig.json (node16) and tsconfig.bundler.json (bundler) must compile
//   without errors: usage of every method/option/result, the README samples,
//   parity with the official @infisical/sdk declarations, an ES module user.
// - negative/ must fail, with exactly the errors its "// error TSxxxx"
//   markers announce, so these tests can fail at all.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const TYPES_DIR = path.join(__dirname, 'types');
const NEGATIVE_DIR = path.join(TYPES_DIR, 'negative');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

/** Runs tsc with `args` from the repo root; resolves to { code, output }. */
function tsc(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(TSC, [...args, '--pretty', 'false'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/** The repo-relative, forward-slash form of a path. */
const rel = (file) => path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');

/** `file(line,col): error TSnnnn` lines of tsc output, as "file:line TSnnnn". */
function diagnostics(output) {
  const found = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+):/.exec(line);
    if (m) found.push(`${rel(m[1])}:${m[2]} ${m[3]}`);
    else if (/\berror TS\d+:/.test(line)) found.push(`(no location) ${line.trim()}`);
  }
  return found.sort();
}

/** The files tsc reported with --listFiles, repo-relative. */
function listedFiles(output) {
  return output
    .split(/\r?\n/)
    .filter((line) => path.isAbsolute(line.trim()))
    .map((line) => rel(line.trim()));
}

const MUST_COMPILE = [
  '__test__/types/usage.ts',
  '__test__/types/readme-samples.ts',
  '__test__/types/parity.ts',
  '__test__/types/binding-agreement.ts',
  '__test__/types/esm.mts',
  'index.d.ts',
];

test('tsc is installed (devDependency typescript)', () => {
  assert.ok(fs.existsSync(TSC), `${TSC} is missing: run npm install`);
});

// The three compilations are independent: run them side by side.
describe('type tests', { concurrency: true }, () => {
  for (const [config, extra] of [
    // node16: CommonJS files get the official CJS declarations, esm.mts the ESM ones.
    ['tsconfig.json', ['node_modules/@infisical/sdk/lib/cjs/index.d.ts', 'node_modules/@infisical/sdk/lib/esm/index.d.mts']],
    // bundler: the "import" condition everywhere.
    ['tsconfig.bundler.json', ['node_modules/@infisical/sdk/lib/esm/index.d.mts']],
  ]) {
    test(`__test__/types/${config} compiles without errors`, async () => {
      const { code, signal, output } = await tsc(['-p', path.join(TYPES_DIR, config), '--listFiles']);
      const errors = diagnostics(output);
      assert.equal(
        code,
        0,
        `tsc -p __test__/types/${config} exited ${code}${signal ? ` (${signal})` : ''}:\n` +
          output.split(/\r?\n/).filter((l) => !path.isAbsolute(l.trim())).join('\n'),
      );
      assert.deepEqual(errors, []);
      // Not a vacuous pass: the test files, our declarations and the official
      // ones were all part of the program.
      const files = listedFiles(output);
      for (const file of [...MUST_COMPILE, ...extra]) {
        assert.ok(files.includes(file), `${file} was not compiled by ${config}; files:\n${files.join('\n')}`);
      }
      assert.ok(!files.some((f) => f.startsWith('__test__/types/negative/')), 'negative/ must not be part of the main configs');
    });
  }

  test('__test__/types/negative fails to compile, with exactly the marked errors', async () => {
    const sources = fs.readdirSync(NEGATIVE_DIR).filter((f) => f.endsWith('.ts'));
    assert.ok(sources.length > 0, 'no negative type test');
    const expected = [];
    for (const name of sources) {
      const file = rel(path.join(NEGATIVE_DIR, name));
      fs.readFileSync(path.join(NEGATIVE_DIR, name), 'utf8')
        .split(/\r?\n/)
        .forEach((line, i) => {
          for (const m of line.matchAll(/\/\/ error (TS\d+)\b/g)) expected.push(`${file}:${i + 1} ${m[1]}`);
        });
    }
    assert.ok(expected.length >= 2, 'the negative files announce too few errors');

    const { code, output } = await tsc(['-p', path.join(NEGATIVE_DIR, 'tsconfig.json')]);
    assert.notEqual(code, 0, `tsc accepted code that must not compile:\n${output}`);
    assert.match(output, /__test__\/types\/negative\/bad-usage\.ts\(\d+,\d+\): error TS/);
    assert.deepEqual(diagnostics(output), expected.sort(), `tsc output:\n${output}`);
  });
});
