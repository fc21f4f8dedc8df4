'use strict';

// package.json metadata, the release workflow's targets, and a clean
// `npm publish --dry-run` (against a loopback stand-in for the registry, so
// nothing leaves this machine and no login is needed).

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const h = require('./helpers');
const { ROOT, PKG } = h;

const SUPPORTED_TARGETS = [
  'x86_64-unknown-linux-gnu',
  'aarch64-unknown-linux-gnu',
  'x86_64-unknown-linux-musl',
  'aarch64-unknown-linux-musl',
  'x86_64-apple-darwin',
  'aarch64-apple-darwin',
  'x86_64-pc-windows-msvc',
];

describe('package.json metadata', () => {
  test('name, engines, license, repository, keywords', () => {
    assert.equal(PKG.name, 'infisical-sdk-native');
    assert.equal(PKG.engines.node, '>=20'); // as @infisical/sdk 5.0.2
    assert.equal(PKG.license, 'MIT');
    assert.equal(PKG.repository.type, 'git');
    assert.match(PKG.repository.url, /^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.ok(Array.isArray(PKG.keywords) && PKG.keywords.includes('infisical'), 'keywords');
    assert.equal(typeof PKG.description, 'string');
  });

  test('no runtime dependencies; platform packages are added at release time only', () => {
    assert.equal(PKG.dependencies, undefined);
    assert.equal(PKG.optionalDependencies, undefined, 'optionalDependencies are written by `napi pre-publish` in release.yml');
    assert.equal(PKG.scripts.prepublishOnly, undefined, 'publishing steps live in release.yml, not in npm lifecycle scripts');
  });

  test('types and an exports map with import and require conditions, every target present', () => {
    assert.equal(PKG.main, 'index.js');
    assert.equal(PKG.types, 'index.d.ts');
    const root = PKG.exports['.'];
    assert.deepEqual(Object.keys(root), ['import', 'require']);
    assert.deepEqual(root.import, { types: './index.d.mts', default: './index.mjs' });
    assert.deepEqual(root.require, { types: './index.d.ts', default: './index.js' });
    for (const file of [PKG.main, PKG.types, root.import.types, root.import.default, root.require.types, root.require.default]) {
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is missing`);
    }
    // "types" comes first in each condition, as TypeScript requires
    for (const cond of [root.import, root.require]) assert.equal(Object.keys(cond)[0], 'types');
  });

  test('files: only what users need, and every listed entry exists', () => {
    for (const entry of PKG.files) {
      assert.ok(fs.existsSync(path.join(ROOT, entry)), `files entry ${entry} does not exist`);
      assert.doesNotMatch(entry, /\.node$|^src|^target|__test__|^bench|Cargo/, entry);
    }
  });

  test('napi: binary name and the supported targets', () => {
    assert.equal(PKG.napi.binaryName, 'infisical-sdk');
    assert.deepEqual([...PKG.napi.targets].sort(), [...SUPPORTED_TARGETS].sort());
    assert.equal(PKG.napi.packageName, undefined, 'platform packages are named <name>-<platform>');
  });
});

describe('loader.js (the native addon loader, not generated)', () => {
  const loader = fs.readFileSync(path.join(ROOT, 'loader.js'), 'utf8');
  const platforms = PKG.napi.targets.map(h.platformNameOfTriple);

  test('knows exactly the platforms of napi.targets, each with a literal require of its file and its package', () => {
    const prebuilt = /const PREBUILT = \[([^\]]*)\]/.exec(loader);
    assert.ok(prebuilt, 'no PREBUILT list in loader.js');
    assert.deepEqual([...prebuilt[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]), platforms);
    // string literals, so that bundlers (esbuild/Bun copy, bun --compile) can follow them
    const local = [...loader.matchAll(/require\('\.\/infisical-sdk\.([\w-]+)\.node'\)/g)].map((m) => m[1]);
    const packages = [...loader.matchAll(/require\('infisical-sdk-native-([\w-]+)'\)/g)].map((m) => m[1]);
    assert.deepEqual(local, platforms);
    assert.deepEqual(packages, platforms);
  });

  test('the build does not generate a loader over it; index.js exports what it loads', () => {
    for (const script of ['build', 'build:debug']) {
      assert.match(PKG.scripts[script], /--no-js\b/, script);
      assert.doesNotMatch(PKG.scripts[script], /--js\s/, script);
    }
    assert.ok(PKG.files.includes('loader.js'));
    assert.ok(!fs.existsSync(path.join(ROOT, 'binding.js')), 'a generated binding.js is back');
    assert.equal(require(path.join(ROOT, 'index.js')).InfisicalSDK, require(path.join(ROOT, 'loader.js')).InfisicalSDK);
  });
});

describe('GitHub Actions workflows', () => {
  const release = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
  const ci = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');

  /** `target: <triple>` values between two job headers of release.yml. */
  function targetsOfJobs(from, to) {
    const start = release.indexOf(`\n  ${from}:\n`);
    const end = to ? release.indexOf(`\n  ${to}:\n`, start + 1) : release.length;
    assert.ok(start >= 0 && end > start, `job ${from} not found`);
    return [...release.slice(start, end).matchAll(/^\s+target: ([\w-]+)\s*$/gm)].map((m) => m[1]);
  }

  test('release.yml builds every napi target once', () => {
    const built = targetsOfJobs('build', 'test-macos-windows');
    assert.deepEqual([...built].sort(), [...PKG.napi.targets].sort());
  });

  test('release.yml tests every target, and publishes only after the tests, through napi pre-publish', () => {
    const tested = new Set([...targetsOfJobs('test-macos-windows', 'test-linux'), ...targetsOfJobs('test-linux', 'test-lambda')]);
    assert.deepEqual([...tested].sort(), [...PKG.napi.targets].sort());
    const publish = release.slice(release.indexOf('\n  publish:\n'));
    assert.match(publish, /needs: \[test-macos-windows, test-linux, test-lambda\]/);
    assert.match(publish, /napi create-npm-dirs/);
    assert.match(publish, /napi artifacts/);
    assert.match(publish, /napi pre-publish -t npm/);
    assert.match(publish, /npm publish/);
  });

  test('ci.yml runs .ci/run (npm ci and npm test on a fresh clone)', () => {
    assert.match(ci, /run: bash \.ci\/run/);
  });
});

describe('npm publish --dry-run', () => {
  test('exits 0 with no warnings, publishing the files users need', async () => {
    // A stand-in registry on loopback: npm asks it for the package's current
    // versions (404: never published); a dry run uploads nothing.
    const seen = [];
    const registry = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not found"}');
    });
    await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${registry.address().port}/`;
    try {
      const result = await h.npm(
        [
          'publish',
          '--dry-run',
          '--registry',
          url,
          `--${url.replace(/^http:/, '')}:_authToken=dry-run-token`,
          '--fetch-retries',
          '0',
          '--loglevel',
          'notice',
        ],
        { timeout: 60_000 },
      );
      const output = result.stdout + result.stderr;
      assert.equal(result.code, 0, output);
      assert.match(output, new RegExp(`\\+ ${PKG.name}@${PKG.version.replace(/\./g, '\\.')}`));
      assert.doesNotMatch(output, /auto-corrected/i, output);
      assert.deepEqual(output.split(/\r?\n/).filter((l) => /^npm (warn|WARN|ERR|error)/.test(l)), []);
      // what it would publish
      assert.match(output, /index\.mjs/);
      assert.match(output, /loader\.js/);
      assert.doesNotMatch(output, /\.node\b|Cargo|src\/|__test__/);
    } finally {
      await new Promise((resolve) => registry.close(resolve));
    }
    for (const request of seen) assert.match(request, /^GET \/infisical-sdk-native/, request);
  });
});
