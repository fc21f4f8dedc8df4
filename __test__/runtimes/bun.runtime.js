'use strict';

// The package under Bun (from the npm registry: scripts/runtimes.js): the
// README quickstart (demo/run.js, the test server in the same Bun process;
// and the CommonJS and ES module apps against a server in this process), and
// a smoke subset of the differential scenarios (__test__/diff-*.test.js, ours
// against the official package, both under Bun) run by `bun test`.
// Run by `npm run test:runtimes` (.ci/run).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const h = require('../packaging/helpers');
const { runtimePath } = require('../../scripts/runtimes');
const { ROOT, PKG } = h;

// The differential scenarios left out under Bun, and why:
// - "deliberate: ..." scenarios compare against texts recorded from the official
//   package under Node (undici's and V8's error messages); under Bun its
//   fetch and JavaScriptCore word them differently.
// - "create/delete called detached reject without a request": ours rejects with
//   V8's TypeError text ("Cannot read properties of undefined"), the official
//   package under Bun with JavaScriptCore's ("undefined is not an object").
const BUN_EXCLUDED = '^(?!deliberate: )(?!.*called detached reject without a request)';
const DIFF_FILES = fs
  .readdirSync(path.join(ROOT, '__test__'))
  .filter((f) => /^diff-.*\.test\.js$/.test(f))
  .map((f) => path.join('__test__', f));

describe('Bun', () => {
  const bun = runtimePath('bun');
  let tmp;
  let server;
  let serverEnv;

  before(async () => {
    tmp = h.makeTempDir('bun');
    fs.mkdirSync(path.join(tmp, 'node_modules'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(tmp, 'node_modules', PKG.name), 'junction');
    fs.writeFileSync(path.join(tmp, 'app.cjs'), h.quickstartApp({ format: 'cjs', specifier: PKG.name, secretName: 'BUN_CJS' }));
    fs.writeFileSync(path.join(tmp, 'app.mjs'), h.quickstartApp({ format: 'esm', specifier: PKG.name, secretName: 'BUN_ESM' }));
    ({ server, env: serverEnv } = await h.startQuickstartServer());
  });

  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  test('demo/run.js (the README quickstart, with the test server in the same Bun process)', async () => {
    const run = h.expectOk(await h.run(bun, ['demo/run.js'], { cwd: ROOT, timeout: 60_000 }), 'bun demo/run.js');
    assert.match(run.stdout, /quickstart OK/);
  });

  for (const [file, secretName] of [['app.cjs', 'BUN_CJS'], ['app.mjs', 'BUN_ESM']]) {
    test(`the quickstart from ${file.endsWith('.mjs') ? 'an ES module' : 'CommonJS'} under Bun`, async () => {
      server.clearRequests();
      const run = h.expectOk(await h.run(bun, [file], { cwd: tmp, env: serverEnv, timeout: 60_000 }), `bun ${file}`);
      assert.deepEqual(h.lastJsonLine(run.stdout), h.expectedQuickstart(secretName));
      for (const r of server.requests) assert.equal(r.headers['user-agent'], `${PKG.name}/${PKG.version}`);
    });
  }

  test('a smoke subset of the differential scenarios under `bun test`: ours matches the official package under Bun', async () => {
    assert.ok(DIFF_FILES.length >= 5, DIFF_FILES.join(', '));
    const run = await h.run(bun, ['test', '--timeout', '60000', '-t', BUN_EXCLUDED, ...DIFF_FILES], {
      cwd: ROOT,
      env: h.cleanEnv({ NO_COLOR: '1' }),
      timeout: 600_000,
    });
    const out = run.stdout + run.stderr;
    const pass = /^\s*(\d+) pass\s*$/m.exec(out);
    const fail = /^\s*(\d+) fail\s*$/m.exec(out);
    assert.equal(run.code, 0, out.slice(-6000));
    assert.ok(pass && Number(pass[1]) >= 100, `expected at least 100 scenarios to pass:\n${out.slice(-3000)}`);
    assert.equal(fail ? Number(fail[1]) : 0, 0, out.slice(-6000));
    assert.match(out, new RegExp(`Ran \\d+ tests across ${DIFF_FILES.length} files`));
  });
});
