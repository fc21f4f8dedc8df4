'use strict';

// Bundling a user app with esbuild, as the README tells users to: the SDK
// marked external (it loads a platform .node binary at run time, which a
// bundle cannot hold), so the bundle `require`s / `import`s it from
// node_modules. Both a CommonJS and an ES module bundle run the quickstart
// against the local test server. Bundling the SDK in instead fails at build
// time on the .node file, which is why the README says to mark it external.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const esbuild = require('esbuild');
const h = require('./helpers');
const { ROOT, PKG } = h;

const EXTERNAL = [PKG.name, '@infisical/sdk'];

describe('esbuild bundles of a user app', () => {
  let tmp;
  let server;
  let serverEnv;

  before(async () => {
    tmp = h.makeTempDir('esbuild');
    // The user project: this repository installed under its name and under
    // the @infisical/sdk alias (links, as `npm link` would make them).
    const nm = path.join(tmp, 'node_modules');
    fs.mkdirSync(path.join(nm, '@infisical'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(nm, PKG.name), 'junction');
    fs.symlinkSync(ROOT, path.join(nm, '@infisical', 'sdk'), 'junction');
    fs.mkdirSync(path.join(tmp, 'src'));
    fs.writeFileSync(path.join(tmp, 'src', 'app-cjs.js'), h.quickstartApp({ format: 'cjs', specifier: PKG.name, secretName: 'ESBUILD_CJS' }));
    fs.writeFileSync(path.join(tmp, 'src', 'app-esm.mjs'), h.quickstartApp({ format: 'esm', specifier: '@infisical/sdk', secretName: 'ESBUILD_ESM' }));
    ({ server, env: serverEnv } = await h.startQuickstartServer());
  });

  after(async () => {
    await esbuild.stop();
    if (server) await server.close();
    h.removeDir(tmp);
  });

  for (const { format, entry, outfile, secretName, specifier } of [
    { format: 'cjs', entry: 'app-cjs.js', outfile: 'app.cjs', secretName: 'ESBUILD_CJS', specifier: PKG.name },
    { format: 'esm', entry: 'app-esm.mjs', outfile: 'app.mjs', secretName: 'ESBUILD_ESM', specifier: '@infisical/sdk' },
  ]) {
    test(`${format} bundle with the SDK external runs the quickstart`, async () => {
      const out = path.join(tmp, 'dist', outfile);
      const result = await esbuild.build({
        absWorkingDir: tmp,
        entryPoints: [path.join('src', entry)],
        outfile: out,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format,
        external: EXTERNAL,
        logLevel: 'silent',
      });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.warnings, []);
      const code = fs.readFileSync(out, 'utf8');
      // the SDK stayed an import of the package; none of its code is inside
      assert.ok(code.includes(`'${specifier}'`) || code.includes(`"${specifier}"`), 'the bundle does not import the SDK');
      assert.ok(!code.includes('NAPI_RS_NATIVE_LIBRARY_PATH'), 'the napi loader was bundled');
      assert.ok(!code.includes('class InfisicalSDK'), 'the SDK was bundled');

      server.clearRequests();
      const run = h.expectOk(await h.node([out], { cwd: tmp, env: serverEnv, timeout: 30_000 }), outfile);
      assert.deepEqual(h.lastJsonLine(run.stdout), h.expectedQuickstart(secretName));
      for (const r of server.requests) assert.equal(r.headers['user-agent'], `${PKG.name}/${PKG.version}`);
    });
  }

  test('bundling the SDK in (not external) fails on its .node binary', async () => {
    await assert.rejects(
      esbuild.build({
        absWorkingDir: tmp,
        entryPoints: [path.join('src', 'app-cjs.js')],
        outfile: path.join(tmp, 'dist', 'inlined.cjs'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
      }),
      (err) => {
        assert.ok(Array.isArray(err.errors) && err.errors.length > 0, String(err));
        assert.ok(
          err.errors.some((e) => /No loader is configured for "\.node" files/.test(e.text)),
          err.errors.map((e) => e.text).join('\n'),
        );
        return true;
      },
    );
  });
});
