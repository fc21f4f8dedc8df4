'use strict';
// The README's "Testing your code against a local Infisical" examples are the files in
// examples/testing/, and they pass under their own runner: node:test, Vitest and Jest
// (devDependencies). The seed shown there is a valid seed.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const { startInfisical } = require('infisical-sdk-native/testing');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples', 'testing');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function section() {
  const start = README.indexOf('\n## Testing your code against a local Infisical\n');
  assert.ok(start >= 0, 'README section missing');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** The fenced code blocks of the section: { lang, code }. */
function blocks() {
  return [...section().matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

function run(args) {
  return new Promise((resolve) => {
    const env = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
    delete env.NODE_TEST_CONTEXT; // a node:test child of node:test would report to its parent
    execFile(process.execPath, args, { cwd: ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, out: stdout + stderr }));
  });
}

const RUNNERS = {
  'node-test.test.mjs': { args: ['--test', '--test-reporter=tap', 'examples/testing/node-test.test.mjs'], passed: /^# pass 2$/m, failed: /^# fail 0$/m },
  'vitest.test.mjs': { args: [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--dir', 'examples/testing', 'vitest.test.mjs'], passed: /Tests\s+2 passed \(2\)/ },
  'jest.test.js': { args: [path.join('node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--rootDir', 'examples/testing', 'jest.test.js'], passed: /Tests:\s+2 passed, 2 total/ },
};

test('the README shows exactly the example files', () => {
  const files = fs.readdirSync(EXAMPLES).sort();
  assert.deepEqual(files, Object.keys(RUNNERS).sort());
  const shown = blocks().filter((b) => b.lang === 'js').map((b) => b.code);
  for (const file of files) {
    const code = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
    assert.ok(shown.includes(code), `README does not show examples/testing/${file} as it is`);
  }
});

for (const [file, runner] of Object.entries(RUNNERS)) {
  test(`examples/testing/${file} passes`, async () => {
    const r = await run(runner.args);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, runner.passed, r.out);
    if (runner.failed) assert.match(r.out, runner.failed, r.out);
  });
}

test("the README's seed is a valid seed, and does what it says", async () => {
  const json = blocks().filter((b) => b.lang === 'json');
  assert.equal(json.length, 1);
  const server = await startInfisical({ seed: JSON.parse(json[0].code) });
  try {
    assert.deepEqual(server.environments, ['dev', 'staging', 'prod', 'qa']);
    assert.deepEqual(server.secrets('dev'), { DB_HOST: 'db.internal', DATABASE_URL: 'postgres://${DB_HOST}/app' });
    assert.deepEqual(server.secrets('dev', '/app'), { PORT: '8080' });
  } finally {
    await server.close();
  }
});
