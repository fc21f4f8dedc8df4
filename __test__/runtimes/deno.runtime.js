'use strict';

// The package under Deno (from the npm registry: scripts/runtimes.js), with the
// least permissions that work: --allow-read of the project and --allow-ffi of
// the one .node file (plus --allow-env for the app's own variables). No
// --allow-net: the addon's HTTP client is native code, outside Deno's net
// sandbox, which is why the README warns that --allow-ffi lets it reach the
// network. Without --allow-ffi the load fails with the package's one clear
// error, naming the flag, which a dynamic import() catches.
// Run by `npm run test:runtimes` (.ci/run).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const h = require('../packaging/helpers');
const { runtimePath } = require('../../scripts/runtimes');
const { ROOT, PKG } = h;

const CODE = 'ERR_INFISICAL_SDK_NATIVE_BINDING';
const APP_ENV = ['INFISICAL_SITE_URL', 'INFISICAL_CLIENT_ID', 'INFISICAL_CLIENT_SECRET', 'INFISICAL_PROJECT_ID'];

const DYNAMIC_APP = `let result;
try {
  const m = await import('${PKG.name}');
  result = { loaded: typeof m.InfisicalSDK === 'function' };
} catch (err) {
  result = { loaded: false, name: err.name, code: err.code, reason: err.reason, flag: err.flag, message: err.message };
}
console.log(JSON.stringify(result));
`;

describe('Deno', () => {
  const deno = runtimePath('deno');
  const binary = h.localBinary();
  let project;
  let server;
  let serverEnv;
  let binaryPath;

  before(async () => {
    // A user project with the package installed in node_modules (its files, as npm lays them out).
    project = h.makeTempDir('deno');
    const pkgDir = path.join(project, 'node_modules', PKG.name);
    fs.mkdirSync(pkgDir, { recursive: true });
    for (const file of ['package.json', 'index.js', 'index.mjs', 'esm-bridge.cjs', 'loader.js']) {
      fs.copyFileSync(path.join(ROOT, file), path.join(pkgDir, file));
    }
    binaryPath = path.join(pkgDir, binary.file);
    try {
      fs.linkSync(binary.path, binaryPath);
    } catch {
      fs.copyFileSync(binary.path, binaryPath);
    }
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'deno-app', private: true, type: 'module', dependencies: { [PKG.name]: PKG.version } }));
    fs.writeFileSync(path.join(project, 'app.mjs'), h.quickstartApp({ format: 'esm', specifier: PKG.name, secretName: 'DENO_ESM' }));
    fs.writeFileSync(path.join(project, 'dynamic.mjs'), DYNAMIC_APP);
    ({ server, env: serverEnv } = await h.startQuickstartServer());
  });

  after(async () => {
    if (server) await server.close();
    h.removeDir(project);
  });

  /** deno run --no-prompt <permissions> <file> in the project. */
  function denoRun(permissions, file, env = serverEnv) {
    return h.run(deno, ['run', '--no-prompt', ...permissions, file], {
      cwd: project,
      env: { ...env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeout: 60_000,
    });
  }

  const LEAST = () => [`--allow-read=${project}`, `--allow-ffi=${binaryPath}`];

  test('the quickstart with the least permissions: --allow-read (project) and --allow-ffi (the .node file), no --allow-net', async () => {
    server.clearRequests();
    const run = h.expectOk(await denoRun([...LEAST(), `--allow-env=${APP_ENV.join(',')}`], 'app.mjs'), 'deno run app.mjs');
    assert.deepEqual(h.lastJsonLine(run.stdout), h.expectedQuickstart('DENO_ESM'));
    assert.ok(server.requests.length >= 6, `only ${server.requests.length} requests`);
    for (const r of server.requests) assert.equal(r.headers['user-agent'], `${PKG.name}/${PKG.version}`);
  });

  test('loading needs neither --allow-env nor --allow-sys (the loader\'s probes are guarded)', async () => {
    const run = await denoRun(LEAST(), 'dynamic.mjs', h.cleanEnv({ NAPI_RS_NATIVE_LIBRARY_PATH: '/nowhere/ignored-without-allow-env.node' }));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(h.lastJsonLine(run.stdout), { loaded: true });
  });

  test('without --allow-ffi: the one clear error names the permission and the flag, and import() catches it', async () => {
    const run = await denoRun([`--allow-read=${project}`], 'dynamic.mjs');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const err = h.lastJsonLine(run.stdout);
    assert.equal(err.loaded, false);
    assert.equal(err.name, 'Error');
    assert.equal(err.code, CODE);
    assert.equal(err.reason, 'permission');
    assert.equal(err.flag, '--allow-ffi');
    assert.match(err.message, /Deno refused a permission the native binary needs: Requires ffi access/);
    assert.match(err.message, /Fix: run with --allow-ffi/);
    assert.match(err.message, /not limited by --allow-net/);
    // no reinstall advice: nothing is missing
    assert.doesNotMatch(err.message, /npm install|Neither is installed|npm\/cli#4828/);
  });

  test('without --allow-ffi, a static import ends the process with that error on stderr', async () => {
    const run = await denoRun([`--allow-read=${project}`, `--allow-env=${APP_ENV.join(',')}`], 'app.mjs');
    assert.notEqual(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /infisical-sdk-native: no native binary could be loaded/);
    assert.match(run.stderr, /--allow-ffi/);
  });
});
