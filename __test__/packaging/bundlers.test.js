'use strict';

// Single-file bundles of a user app that holds the SDK (not marked external),
// the ways the README lists: esbuild with `--loader:.node=copy` (CommonJS and
// ES module output), `bun build` (run by Node and by Bun), `bun build
// --compile`, and webpack with `target: 'node'` (node-loader for the .node
// file, and the mark-external recipe). Each bundle is copied to a directory
// with no node_modules and runs the README quickstart against the local test
// server. A bundle whose .node file is gone fails with the package's one clear
// error, which a dynamic import() catches. Bun comes from the npm registry
// (scripts/runtimes.js, installed by .ci/run).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const esbuild = require('esbuild');
const h = require('./helpers');
const { runtimePath } = require('../../scripts/runtimes');
const { ROOT, PKG } = h;

const CODE = 'ERR_INFISICAL_SDK_NATIVE_BINDING';
// What esbuild's ES module output needs to run CommonJS code that calls require()
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

// An app that imports the SDK dynamically and prints how the import ended.
const DYNAMIC_APP = `let result;
try {
  const m = await import('${PKG.name}');
  result = { loaded: typeof m.InfisicalSDK === 'function' };
} catch (err) {
  result = { loaded: false, code: err.code, reason: err.reason };
}
console.log(JSON.stringify(result));
`;

describe('single-file bundles that hold the SDK', () => {
  const bun = runtimePath('bun');
  const binary = h.localBinary();
  let tmp;
  let server;
  let serverEnv;

  before(async () => {
    tmp = h.makeTempDir('bundlers');
    // The user project: this repository installed under its name (a link, as `npm link` makes it).
    fs.mkdirSync(path.join(tmp, 'node_modules'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(tmp, 'node_modules', PKG.name), 'junction');
    fs.mkdirSync(path.join(tmp, 'src'));
    for (const format of ['cjs', 'esm']) {
      const file = format === 'cjs' ? 'app-cjs.js' : 'app-esm.mjs';
      const secretName = `BUNDLE_${format.toUpperCase()}`;
      fs.writeFileSync(path.join(tmp, 'src', file), h.quickstartApp({ format, specifier: PKG.name, secretName, bundled: true }));
    }
    fs.writeFileSync(path.join(tmp, 'src', 'dynamic.mjs'), DYNAMIC_APP);
    ({ server, env: serverEnv } = await h.startQuickstartServer());
  });

  after(async () => {
    await esbuild.stop();
    if (server) await server.close();
    h.removeDir(tmp);
  });

  /** Copies a build output directory to a new directory with no node_modules anywhere above. */
  function moveAway(dir, name) {
    const dest = path.join(tmp, 'run', name);
    fs.cpSync(dir, dest, { recursive: true });
    return dest;
  }

  /** Runs `args` with `command` in `cwd`; asserts the quickstart output. */
  async function runQuickstart(command, args, cwd, secretName, expected = h.expectedQuickstart(secretName)) {
    server.clearRequests();
    const run = h.expectOk(await h.run(command, args, { cwd, env: serverEnv, timeout: 60_000 }), `${path.basename(command)} ${args.join(' ')}`);
    assert.deepEqual(h.lastJsonLine(run.stdout), expected);
    assert.ok(server.requests.length >= 6, `only ${server.requests.length} requests`);
    for (const r of server.requests) assert.equal(r.headers['user-agent'], `${PKG.name}/${PKG.version}`);
  }

  /** The .node files in a directory. */
  const nodeFiles = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.node'));

  /** Deletes the bundle's .node files, runs it, and asserts the clear error reached a dynamic import(). */
  async function assertCatchableWithoutBinary(command, args, cwd) {
    for (const f of nodeFiles(cwd)) fs.rmSync(path.join(cwd, f));
    const run = await h.run(command, args, { cwd, env: h.cleanEnv(), timeout: 60_000 });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const out = h.lastJsonLine(run.stdout);
    assert.equal(out.loaded, false, run.stdout);
    assert.equal(out.code, CODE, run.stdout);
    assert.ok(['missing', 'load-failed'].includes(out.reason), run.stdout);
  }

  async function esbuildBuild(entry, outfile, format, extra = {}) {
    const result = await esbuild.build({
      absWorkingDir: tmp,
      entryPoints: [path.join('src', entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      loader: { '.node': 'copy' },
      logLevel: 'silent',
      ...extra,
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
  }

  test('esbuild --loader:.node=copy, CommonJS output: the bundle and the copied .node run anywhere', async () => {
    const out = path.join(tmp, 'esbuild-cjs');
    await esbuildBuild('app-cjs.js', path.join(out, 'app.cjs'), 'cjs');
    assert.equal(nodeFiles(out).length, 1, 'the .node file was not copied next to the bundle');
    const code = fs.readFileSync(path.join(out, 'app.cjs'), 'utf8');
    assert.ok(code.includes(CODE), 'the SDK (its loader) is not in the bundle');
    await runQuickstart(process.execPath, ['app.cjs'], moveAway(out, 'esbuild-cjs'), 'BUNDLE_CJS');
  });

  test('esbuild --loader:.node=copy, ES module output with the createRequire banner: runs anywhere', async () => {
    const out = path.join(tmp, 'esbuild-esm');
    await esbuildBuild('app-esm.mjs', path.join(out, 'app.mjs'), 'esm', { banner: { js: REQUIRE_BANNER } });
    await runQuickstart(process.execPath, ['app.mjs'], moveAway(out, 'esbuild-esm'), 'BUNDLE_ESM');
  });

  test('esbuild ES module output without the banner: the one clear error, naming the banner fix', async () => {
    const out = path.join(tmp, 'esbuild-esm-nobanner');
    await esbuildBuild('app-esm.mjs', path.join(out, 'app.mjs'), 'esm');
    const run = await h.run(process.execPath, ['app.mjs'], { cwd: moveAway(out, 'esbuild-esm-nobanner'), env: serverEnv, timeout: 60_000 });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.ok(run.stderr.includes(`code: '${CODE}'`), run.stderr);
    assert.ok(run.stderr.includes("import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"), run.stderr);
  });

  test('esbuild ES module bundle: a failed native load is an exception a dynamic import() catches', async () => {
    const out = path.join(tmp, 'esbuild-dynamic');
    await esbuildBuild('dynamic.mjs', path.join(out, 'app.mjs'), 'esm', { banner: { js: REQUIRE_BANNER } });
    const cwd = moveAway(out, 'esbuild-dynamic');
    const ok = await h.run(process.execPath, ['app.mjs'], { cwd, env: h.cleanEnv(), timeout: 60_000 });
    assert.deepEqual(h.lastJsonLine(ok.stdout), { loaded: true }, ok.stderr);
    await assertCatchableWithoutBinary(process.execPath, ['app.mjs'], cwd);
  });

  test('bun build --target=node (ES module and CommonJS app): the bundle runs on Node, the .node file beside it', async () => {
    for (const [entry, secretName] of [['app-esm.mjs', 'BUNDLE_ESM'], ['app-cjs.js', 'BUNDLE_CJS']]) {
      const out = path.join(tmp, `bun-node-${secretName}`);
      h.expectOk(await h.run(bun, ['build', path.join('src', entry), '--target=node', '--outdir', out], { cwd: tmp, timeout: 120_000 }), 'bun build');
      assert.equal(nodeFiles(out).length, 1, 'bun build did not copy the .node file');
      const js = fs.readdirSync(out).find((f) => /\.m?js$/.test(f));
      await runQuickstart(process.execPath, [js], moveAway(out, `bun-node-${secretName}`), secretName);
    }
  });

  test('bun build --target=bun: the bundle runs on Bun; without its .node file, import() catches the clear error', async () => {
    const out = path.join(tmp, 'bun-bun');
    h.expectOk(await h.run(bun, ['build', path.join('src', 'app-esm.mjs'), '--target=bun', '--outdir', out], { cwd: tmp, timeout: 120_000 }), 'bun build');
    await runQuickstart(bun, ['app-esm.js'], moveAway(out, 'bun-bun'), 'BUNDLE_ESM');

    const dyn = path.join(tmp, 'bun-dynamic');
    h.expectOk(await h.run(bun, ['build', path.join('src', 'dynamic.mjs'), '--target=bun', '--outdir', dyn], { cwd: tmp, timeout: 120_000 }), 'bun build');
    const cwd = moveAway(dyn, 'bun-dynamic');
    const ok = await h.run(bun, ['dynamic.js'], { cwd, env: h.cleanEnv(), timeout: 60_000 });
    assert.deepEqual(h.lastJsonLine(ok.stdout), { loaded: true }, ok.stderr);
    await assertCatchableWithoutBinary(bun, ['dynamic.js'], cwd);
  });

  test('bun build --compile from the ES module entry: one executable with the addon inside', async () => {
    const exe = path.join(tmp, 'bun-exe', `app${h.IS_WINDOWS ? '.exe' : ''}`);
    h.expectOk(await h.run(bun, ['build', path.join('src', 'app-esm.mjs'), '--compile', '--outfile', exe], { cwd: tmp, timeout: 180_000 }), 'bun build --compile');
    assert.deepEqual(nodeFiles(path.dirname(exe)), [], 'the .node file should be inside the executable');
    const cwd = moveAway(path.dirname(exe), 'bun-exe');
    await runQuickstart(path.join(cwd, path.basename(exe)), [], cwd, 'BUNDLE_ESM');
    fs.rmSync(cwd, { recursive: true, force: true }); // ~150 MB
  });

  test('bun build with the SDK external (the mark-external recipe): the bundle imports it from node_modules', async () => {
    const out = path.join(tmp, 'bun-external');
    h.expectOk(
      await h.run(bun, ['build', path.join('src', 'app-esm.mjs'), '--target=node', '--external', PKG.name, '--outdir', out], { cwd: tmp, timeout: 120_000 }),
      'bun build --external',
    );
    assert.deepEqual(nodeFiles(out), []);
    const code = fs.readFileSync(path.join(out, 'app-esm.js'), 'utf8');
    assert.ok(!code.includes(CODE), 'the SDK was bundled');
    // runs where the package is installed
    await runQuickstart(process.execPath, [path.join(out, 'app-esm.js')], tmp, 'BUNDLE_ESM');
  });

  /** Runs webpack (Node API) with `target: 'node'`; resolves to the stats. */
  function webpack(config) {
    const webpackLib = require('webpack');
    return new Promise((resolve, reject) => {
      webpackLib({ mode: 'production', target: 'node', context: tmp, optimization: { minimize: false }, ...config }, (err, stats) => {
        if (err) return reject(err);
        resolve(stats);
      });
    });
  }

  test('webpack target node with node-loader for .node files (ES module and CommonJS app): runs anywhere', async () => {
    for (const [entry, secretName] of [['app-esm.mjs', 'BUNDLE_ESM'], ['app-cjs.js', 'BUNDLE_CJS']]) {
      const out = path.join(tmp, `webpack-${secretName}`);
      const stats = await webpack({
        entry: path.join(tmp, 'src', entry),
        output: { path: out, filename: 'app.js' },
        module: { rules: [{ test: /\.node$/, loader: require.resolve('node-loader'), options: { name: '[name].[ext]' } }] },
      });
      assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
      assert.equal(nodeFiles(out).length, 1, 'node-loader did not emit the .node file');
      assert.ok(nodeFiles(out)[0].startsWith(`${h.BINARY_NAME}.${binary.platformName}`));
      await runQuickstart(process.execPath, ['app.js'], moveAway(out, `webpack-${secretName}`), secretName);
    }
  });

  test('webpack target node with the SDK external (the mark-external recipe), CommonJS and ES module app', async () => {
    for (const [entry, secretName] of [['app-esm.mjs', 'BUNDLE_ESM'], ['app-cjs.js', 'BUNDLE_CJS']]) {
      const out = path.join(tmp, `webpack-external-${secretName}`);
      const stats = await webpack({
        entry: path.join(tmp, 'src', entry),
        output: { path: out, filename: 'app.js' },
        externals: { [PKG.name]: `commonjs ${PKG.name}` },
      });
      assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
      assert.equal(stats.hasWarnings(), false, stats.toString('errors-warnings'));
      assert.ok(!fs.readFileSync(path.join(out, 'app.js'), 'utf8').includes(CODE), 'the SDK was bundled');
      // webpack's interop for a CommonJS external gives an ES namespace a `default` (the official package's too)
      const expected = { ...h.expectedQuickstart(secretName), ...(entry.endsWith('.mjs') ? { namespaceHasDefault: true } : {}) };
      await runQuickstart(process.execPath, [path.join(out, 'app.js')], tmp, secretName, expected);
    }
  });

  test('webpack without a loader for .node files fails at build time, naming the file', async () => {
    const stats = await webpack({ entry: path.join(tmp, 'src', 'app-cjs.js'), output: { path: path.join(tmp, 'webpack-plain'), filename: 'app.js' } });
    assert.equal(stats.hasErrors(), true);
    assert.match(stats.toString('errors-only'), new RegExp(`${h.BINARY_NAME}\\.${binary.platformName}\\.node`));
  });
});
