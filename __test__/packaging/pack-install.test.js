'use strict';

// The npm package as users get it:
// 1. `npm pack` of this repository holds only what users need.
// 2. The release steps of .github/workflows/release.yml, run here for the one
//    target this machine builds: `napi create-npm-dirs`, `napi artifacts` and
//    `napi pre-publish` (no publishing, no GitHub release) make the platform
//    package and write the root's optionalDependencies.
// 3. Both tarballs install into a fresh project without network, under the
//    package's name and under the npm alias `@infisical/sdk`, and the README
//    quickstart runs there against the local test server from CommonJS and
//    from an ES module; TypeScript (node16) finds the types of both names.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const h = require('./helpers');
const { ROOT, PKG } = h;

/** Files the root tarball must hold: the entry points, their types, the loader and the testing server. */
function expectedRootFiles() {
  const files = ['README.md', 'package.json', 'index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'esm-bridge.cjs', 'loader.js', 'binding.d.ts'];
  files.push('testing.js', 'testing.mjs', 'testing.d.ts', 'testing.d.mts');
  for (const f of fs.readdirSync(path.join(ROOT, 'testing'), { recursive: true })) {
    if (fs.statSync(path.join(ROOT, 'testing', f)).isFile()) files.push(`testing/${f.split(path.sep).join('/')}`);
  }
  for (const f of fs.readdirSync(ROOT)) if (/^LICEN[CS]E/i.test(f)) files.push(f);
  return files.sort();
}

/** `npm pack --json` in `cwd` into `dest`; resolves to { tarball, files }. */
async function pack(cwd, dest) {
  const result = h.expectOk(await h.npm(['pack', '--json', '--pack-destination', dest], { cwd, timeout: 90_000 }), `npm pack in ${cwd}`);
  const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

const napi = (args, cwd) => h.node([h.NAPI_CLI, ...args], { cwd, timeout: 90_000 }).then((r) => h.expectOk(r, `napi ${args.join(' ')}`));

describe('npm pack, the release layout, and installing from the tarballs', () => {
  const binary = h.localBinary();
  let tmp;
  let server;
  let serverEnv;
  let rootPack; // npm pack of this repository
  let releaseRoot; // the root package after napi pre-publish
  let platformPack; // the platform package made by create-npm-dirs + artifacts
  let project; // the fresh user project

  before(async () => {
    tmp = h.makeTempDir('pack');
    ({ server, env: serverEnv } = await h.startQuickstartServer());
  });
  after(async () => {
    if (server) await server.close();
    h.removeDir(tmp);
  });

  test('npm pack of the repository holds only what users need', async () => {
    fs.mkdirSync(path.join(tmp, 'repo-pack'));
    rootPack = await pack(ROOT, path.join(tmp, 'repo-pack'));
    assert.deepEqual(rootPack.files, expectedRootFiles());
    for (const f of rootPack.files) {
      assert.doesNotMatch(f, /^(src|target|__test__|bench|demo|npm|artifacts|node_modules|\.github|\.ci)\//, f);
      assert.doesNotMatch(f, /^Cargo\.|\.rs$|\.node$|\.tgz$|^build\.rs$/, f);
    }
  });

  test('release steps: napi create-npm-dirs, artifacts and pre-publish make the platform package and the optionalDependencies', async () => {
    // The root package as packed, with the targets narrowed to the one built here.
    const stage = path.join(tmp, 'stage');
    fs.mkdirSync(stage);
    h.expectOk(await h.run('tar', ['-xzf', rootPack.tarball, '-C', stage], { timeout: 60_000 }), 'tar -xzf');
    const pkgRoot = path.join(stage, 'package');
    const stagedJson = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8'));
    stagedJson.napi.targets = [binary.triple];
    fs.writeFileSync(path.join(pkgRoot, 'package.json'), JSON.stringify(stagedJson, null, 2) + '\n');
    fs.mkdirSync(path.join(pkgRoot, 'artifacts'));
    fs.copyFileSync(binary.path, path.join(pkgRoot, 'artifacts', binary.file));

    await napi(['create-npm-dirs'], pkgRoot);
    await napi(['artifacts'], pkgRoot);
    await napi(['pre-publish', '-t', 'npm', '--no-gh-release', '--skip-optional-publish'], pkgRoot);

    const platformDir = path.join(pkgRoot, 'npm', binary.platformName);
    const platformJson = JSON.parse(fs.readFileSync(path.join(platformDir, 'package.json'), 'utf8'));
    assert.equal(platformJson.name, binary.packageName);
    assert.equal(platformJson.version, PKG.version);
    assert.equal(platformJson.main, binary.file);
    assert.deepEqual(platformJson.os, [process.platform]);
    assert.deepEqual(platformJson.cpu, [process.arch]);
    if (binary.platformName.endsWith('-gnu')) assert.deepEqual(platformJson.libc, ['glibc']);
    if (binary.platformName.endsWith('-musl')) assert.deepEqual(platformJson.libc, ['musl']);
    assert.deepEqual(platformJson.engines, PKG.engines);

    const releasedJson = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8'));
    assert.deepEqual(releasedJson.optionalDependencies, { [binary.packageName]: PKG.version });

    fs.mkdirSync(path.join(tmp, 'dist'));
    platformPack = await pack(platformDir, path.join(tmp, 'dist'));
    assert.deepEqual(platformPack.files, ['README.md', binary.file, 'package.json'].sort());
    releaseRoot = await pack(pkgRoot, path.join(tmp, 'dist'));
    // the release root carries no binary even though `napi artifacts` copied one next to it
    assert.ok(fs.existsSync(path.join(pkgRoot, binary.file)));
    assert.deepEqual(releaseRoot.files, rootPack.files);
  });

  test('installs into a fresh project without network, by name and as the @infisical/sdk alias', async () => {
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-app', version: '1.0.0', private: true }, null, 2));
    const result = await h.npm(
      [
        'install',
        releaseRoot.tarball,
        `@infisical/sdk@file:${releaseRoot.tarball}`,
        platformPack.tarball,
        '--offline',
        '--no-audit',
        '--no-fund',
        '--cache',
        path.join(tmp, 'npm-cache'),
      ],
      { cwd: project, timeout: 90_000 },
    );
    h.expectOk(result, 'npm install');
    const nm = path.join(project, 'node_modules');
    for (const name of [PKG.name, '@infisical/sdk']) {
      const installed = JSON.parse(fs.readFileSync(path.join(nm, name, 'package.json'), 'utf8'));
      assert.equal(installed.name, PKG.name, name);
      assert.equal(installed.version, PKG.version, name);
      // the binary comes from the platform package, as for users of the published package
      assert.deepEqual(fs.readdirSync(path.join(nm, name)).filter((f) => f.endsWith('.node')), [], name);
    }
    assert.ok(fs.existsSync(path.join(nm, binary.packageName, binary.file)));
  });

  for (const { format, specifier, file } of [
    { format: 'cjs', specifier: PKG.name, file: 'by-name.cjs' },
    { format: 'esm', specifier: PKG.name, file: 'by-name.mjs' },
    { format: 'cjs', specifier: '@infisical/sdk', file: 'by-alias.cjs' },
    { format: 'esm', specifier: '@infisical/sdk', file: 'by-alias.mjs' },
  ]) {
    test(`quickstart from ${format === 'esm' ? 'an ES module' : 'CommonJS'} importing '${specifier}'`, async () => {
      const secretName = `QS_${file.replace(/\W/g, '_').toUpperCase()}`;
      fs.writeFileSync(path.join(project, file), h.quickstartApp({ format, specifier, secretName }));
      server.clearRequests();
      const result = h.expectOk(await h.node([file], { cwd: project, env: serverEnv, timeout: 30_000 }), file);
      assert.deepEqual(h.lastJsonLine(result.stdout), h.expectedQuickstart(secretName));
      // the requests came from this package (the alias resolves to ours, not the official SDK)
      assert.ok(server.requests.length >= 6, `${server.requests.length} requests`);
      for (const r of server.requests) assert.equal(r.headers['user-agent'], `${PKG.name}/${PKG.version}`);
    });
  }

  test('TypeScript (node16, strict) finds the installed types for import and require, by name and alias', async () => {
    fs.writeFileSync(
      path.join(project, 'check.mts'),
      [
        "import { InfisicalSDK, SecretType } from '@infisical/sdk';",
        "import * as native from 'infisical-sdk-native';",
        "const client: InfisicalSDK = new native.InfisicalSDK({ siteUrl: 'http://127.0.0.1' });",
        'const shared: SecretType = native.SecretType.Shared;',
        "export const listed: Promise<{ secrets: { secretKey: string }[] }> = client.secrets().listSecrets({ environment: 'dev', projectId: 'p' });",
        'export { shared };',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'check.cts'),
      [
        "import sdk = require('infisical-sdk-native');",
        "import alias = require('@infisical/sdk');",
        'const client: alias.InfisicalSDK = new sdk.InfisicalSDK();',
        "export const type: 'shared' | 'personal' = alias.SecretType.Personal;",
        'export const auth = client.auth();',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          isolatedModules: true,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          lib: ['es2022'],
          types: [],
          skipLibCheck: false,
        },
        files: ['check.mts', 'check.cts'],
      }),
    );
    const result = await h.node([h.TSC, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, timeout: 60_000 });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
  // infisical-sdk-native/testing as users get it: the README's node:test example, by name and
  // under the alias, the dev-server command through npx, and the types.
  for (const alias of [false, true]) {
    test(`the README's node:test example runs in the fresh project${alias ? ', under the @infisical/sdk alias' : ''}`, async () => {
      let code = fs.readFileSync(path.join(ROOT, 'examples', 'testing', 'node-test.test.mjs'), 'utf8');
      if (alias) code = code.replaceAll("from 'infisical-sdk-native", "from '@infisical/sdk");
      const file = alias ? 'alias-node-test.test.mjs' : 'node-test.test.mjs';
      fs.writeFileSync(path.join(project, file), code);
      const env = h.cleanEnv();
      delete env.NODE_TEST_CONTEXT; // else the child node:test reports to this runner, not to stdout
      const result = await h.node(['--test', '--test-reporter=tap', file], { cwd: project, env, timeout: 60_000 }); // tap: Node 23+ defaults to spec
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /^# pass 2$/m);
      assert.match(result.stdout, /^# fail 0$/m);
    });
  }

  test('npx infisical-sdk-native resolves the installed command', async () => {
    const result = await h.run(h.IS_WINDOWS ? 'npx.cmd' : 'npx', ['--offline', '--no-install', 'infisical-sdk-native', '--help'], { cwd: project, shell: h.IS_WINDOWS, timeout: 60_000 });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Usage: infisical-sdk-native dev-server \[options\]/);
  });

  test('the installed dev-server command serves a seed file and stops on SIGTERM', async () => {
    fs.writeFileSync(path.join(project, 'secrets.json'), JSON.stringify({ secrets: { dev: { DATABASE_URL: 'postgres://dev' } } }));
    const { spawn } = require('node:child_process');
    // the file npm linked as the command (node_modules/.bin/infisical-sdk-native)
    const bin = path.join(project, 'node_modules', PKG.name, PKG.bin['infisical-sdk-native']);
    assert.ok(fs.existsSync(path.join(project, 'node_modules', '.bin', h.IS_WINDOWS ? 'infisical-sdk-native.cmd' : 'infisical-sdk-native')));
    const child = spawn(process.execPath, [bin, 'dev-server', '--port', '0', '--seed', 'secrets.json'], { cwd: project, env: h.cleanEnv() });
    let out = '';
    try {
      await new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('Press Ctrl+C to stop.')) resolve();
        });
        child.stderr.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`dev-server exited with ${code}\n${out}`)));
      });
      const field = (name) => new RegExp(`^  ${name} +(\\S+)$`, 'm').exec(out)[1];
      const url = field('siteUrl');
      const login = await fetch(`${url}/api/v1/auth/universal-auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: field('clientId'), clientSecret: field('clientSecret') }),
      });
      assert.equal(login.status, 200);
      const { accessToken } = await login.json();
      const got = await fetch(`${url}/api/v3/secrets/raw/DATABASE_URL?workspaceId=${field('projectId')}&environment=dev`, { headers: { authorization: `Bearer ${accessToken}` } });
      assert.equal((await got.json()).secret.secretValue, 'postgres://dev');
    } finally {
      const exited = new Promise((resolve) => {
        child.removeAllListeners('exit');
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.on('exit', (code, signal) => resolve(code ?? signal));
      });
      child.kill('SIGTERM');
      const result = await exited;
      // Windows has no SIGTERM to handle: kill() ends the process there
      if (!h.IS_WINDOWS) assert.equal(result, 0);
    }
  });

  test('TypeScript (node16, strict) finds the types of the testing entry for import and require, by name and alias', async () => {
    fs.writeFileSync(
      path.join(project, 'testing-check.mts'),
      [
        "import { startInfisical, InfisicalSeedError, type InfisicalTestServer } from '@infisical/sdk/testing';",
        "import * as testing from 'infisical-sdk-native/testing';",
        "const server: InfisicalTestServer = await startInfisical({ seed: { secrets: { dev: { A: 'x', '/app': { B: { value: 'y', tags: ['backend'] } } } } } });",
        "server.fail(503, { route: 'GET /api/v3/secrets/raw', times: 2 });",
        'server.advanceTime(1000);',
        'export const paths: string[] = server.requests.map((r) => r.path);',
        'export const isSeedError = (e: unknown): boolean => e instanceof InfisicalSeedError && e.field.length > 0;',
        'export const same: boolean = testing.startInfisical === startInfisical;',
        'await server.close();',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'testing-check.cts'),
      [
        "import testing = require('infisical-sdk-native/testing');",
        "import alias = require('@infisical/sdk/testing');",
        'export const start: typeof alias.startInfisical = testing.startInfisical;',
        "export const url: Promise<string> = start({ port: 0 }).then((s) => s.url);",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.testing.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', lib: ['es2022'], types: [], skipLibCheck: false },
        files: ['testing-check.mts', 'testing-check.cts'],
      }),
    );
    const result = await h.node([h.TSC, '-p', 'tsconfig.testing.json', '--pretty', 'false'], { cwd: project, timeout: 60_000 });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});
