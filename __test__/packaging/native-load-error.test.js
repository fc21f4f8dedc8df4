'use strict';

// A missing or wrong native binary fails at load time with ONE clear error
// (loader.js) naming the platform, the package that was expected, the real
// cause (`reason`: missing / load-failed / unsupported / permission) and the
// fix, with the runtime's own error as `cause`. Each case lays the package's
// JS files out as node_modules/infisical-sdk-native in a temporary project,
// without the real binary, and loads it in a child process.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, PKG, BINARY_NAME, node, cleanEnv, makeTempDir, removeDir, localBinary, platformNameOfTriple } = require('./helpers');

const CODE = 'ERR_INFISICAL_SDK_NATIVE_BINDING';

// What the child prints: the error that `require` threw, or { loaded: true }.
const PROBE_CJS = `
let result = { loaded: true };
try {
  require('${PKG.name}');
} catch (err) {
  result = {
    loaded: false,
    name: err.name,
    message: err.message,
    code: err.code,
    platform: err.platform,
    expectedPackage: err.expectedPackage,
    reason: err.reason,
    causeMessage: err.cause && err.cause.message,
  };
}
console.log(JSON.stringify(result));
`;

// A static ES import, as users write it: a failed load ends the process with
// the error on stderr.
const PROBE_ESM = `import { InfisicalSDK } from '${PKG.name}';
console.log(JSON.stringify({ loaded: typeof InfisicalSDK === 'function' }));
`;

// A dynamic import() catches the same error, and the process goes on and
// exits 0 (Node 20 reports an error thrown by a CommonJS module under an ES
// import as uncaught even when import() caught it; index.mjs rethrows it from
// ES module code instead).
const PROBE_ESM_DYNAMIC = `let result;
try {
  const m = await import('${PKG.name}');
  result = { loaded: typeof m.InfisicalSDK === 'function' };
} catch (err) {
  result = { loaded: false, code: err.code, reason: err.reason, message: err.message };
}
await new Promise((resolve) => setTimeout(resolve, 20));
console.log(JSON.stringify(result));
`;

// The loader's probes refused, as a locked-down runtime (Deno without
// --allow-sys / --allow-read / --allow-env) refuses them: process.report.getReport(),
// reading /proc/self/maps or /usr/bin/ldd and reading any NAPI_RS_* variable throw. Loaded with
// --require before the probe.
const REFUSE_PROBES = `'use strict';
const refusal = (what) => { const e = new Error('Requires ' + what + ' access, run again with the --allow-' + what + ' flag'); e.name = 'NotCapable'; return e; };
process.report.getReport = () => { throw refusal('sys'); };
const fs = require('node:fs');
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file) === '/usr/bin/ldd' || String(file) === '/proc/self/maps') throw refusal('read');
  return readFileSync.call(this, file, ...rest);
};
const env = process.env;
Object.defineProperty(process, 'env', {
  value: new Proxy(env, { get(target, key) { if (typeof key === 'string' && key.startsWith('NAPI_RS_')) throw refusal('env'); return Reflect.get(target, key); } }),
});
`;

/** Lays out node_modules/infisical-sdk-native (JS files only) in a new project dir. */
function stagePackage(root) {
  const pkgDir = path.join(root, 'node_modules', PKG.name);
  fs.mkdirSync(pkgDir, { recursive: true });
  for (const file of ['package.json', 'index.js', 'index.mjs', 'esm-bridge.cjs', 'loader.js']) {
    fs.copyFileSync(path.join(ROOT, file), path.join(pkgDir, file));
  }
  fs.writeFileSync(path.join(root, 'probe.js'), PROBE_CJS);
  fs.writeFileSync(path.join(root, 'probe.mjs'), PROBE_ESM);
  fs.writeFileSync(path.join(root, 'probe-dynamic.mjs'), PROBE_ESM_DYNAMIC);
  fs.writeFileSync(path.join(root, 'refuse-probes.js'), REFUSE_PROBES);
  return pkgDir;
}

/** Writes node_modules/<name> as a platform package whose main is `file` with `content`. */
function fakePlatformPackage(root, name, file, content) {
  const dir = path.join(root, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: PKG.version, main: file }));
  fs.writeFileSync(path.join(dir, file), content);
}

/** Loads the package with `require` in a child; resolves to what PROBE_CJS printed. */
async function probe(root, env = {}) {
  const result = await node(['probe.js'], { cwd: root, env: cleanEnv(env), timeout: 30_000 });
  assert.equal(result.code, 0, `probe failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** Imports the package from an ES module in a child; resolves to { code, stdout, stderr }. */
function probeEsm(root, env = {}) {
  return node(['probe.mjs'], { cwd: root, env: cleanEnv(env), timeout: 30_000 });
}

describe('a missing or wrong native binary gives one clear error', () => {
  const binary = localBinary(); // the platform this machine builds, e.g. linux-x64-gnu
  const libc = /-musl$/.test(binary.platformName) ? 'musl' : /-gnu$/.test(binary.platformName) ? 'glibc' : null;
  const otherPlatform = PKG.napi.targets.map(platformNameOfTriple).find((p) => p !== binary.platformName);
  let tmp;

  before(() => {
    tmp = makeTempDir('load-error');
  });
  after(() => removeDir(tmp));

  /** The parts every such error must have: platform, expected package, the fixes, the cause. */
  function assertClearError(err, reason, how = 'require') {
    assert.equal(err.loaded, false, `${how}: the package loaded without a binary`);
    assert.equal(err.reason, reason, `${how}: ${err.message}`);
    assert.equal(err.name, 'Error', how);
    assert.equal(err.code, CODE, how);
    assert.equal(err.platform, binary.platformName, how);
    assert.equal(err.expectedPackage, binary.packageName, how);
    const firstLine = err.message.split('\n')[0];
    assert.match(firstLine, new RegExp(`^${PKG.name}: no native binary could be loaded for this platform`), how);
    assert.ok(firstLine.includes(`platform ${process.platform}`), `${how}: ${firstLine}`);
    assert.ok(firstLine.includes(`arch ${process.arch}`), `${how}: ${firstLine}`);
    if (libc) assert.ok(firstLine.includes(`libc ${libc}`), `${how}: ${firstLine}`);
    // the fixes: reinstall / install for that platform, or build from source
    const flags = `npm install --os=${process.platform} --cpu=${process.arch}${libc ? ` --libc=${libc}` : ''}`;
    assert.ok(err.message.includes(flags), `${how}: no "${flags}" in:\n${err.message}`);
    assert.ok(err.message.includes('npm run build'), `${how}: no build-from-source fix in:\n${err.message}`);
    // the runtime's own error is kept as the cause
    assert.equal(typeof err.causeMessage, 'string', how);
    assert.ok(err.causeMessage.length > 0, how);
    if (reason === 'missing') assert.match(err.causeMessage, /Cannot find module/, how);
    else assert.ok(err.message.includes(err.causeMessage), `${how}: the message lacks the loader's message ${err.causeMessage}`);
  }

  test('no binary at all: names the platform, the expected package and file, and the fix', async () => {
    const root = path.join(tmp, 'missing');
    stagePackage(root);
    const err = await probe(root);
    assertClearError(err, 'missing');
    assert.ok(err.message.includes(`Expected the package ${binary.packageName}`), err.message);
    assert.ok(err.message.includes(`${BINARY_NAME}.${binary.platformName}.node`), err.message);
    assert.ok(err.message.includes('Neither is installed.'), err.message);

    // the same message from an ES module import, ending the process
    const esm = await probeEsm(root);
    assert.equal(esm.code, 1, esm.stdout + esm.stderr);
    assert.equal(esm.stdout, '');
    assert.ok(esm.stderr.includes(err.message), `ESM stderr lacks the message:\n${esm.stderr}`);
    assert.ok(esm.stderr.includes("code: 'ERR_INFISICAL_SDK_NATIVE_BINDING'"), esm.stderr);

    // a dynamic import() catches it, and nothing else is reported
    const dynamic = await node(['probe-dynamic.mjs'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(dynamic.code, 0, dynamic.stdout + dynamic.stderr);
    assert.equal(dynamic.stderr, '');
    const caught = JSON.parse(dynamic.stdout.trim());
    assert.deepEqual({ ...caught, message: undefined }, { loaded: false, code: CODE, reason: 'missing', message: undefined });
    assert.equal(caught.message, err.message);
  });

  test('every probe refused (process.report, process.env): still the same clear error, never the probe\'s', async () => {
    const root = path.join(tmp, 'refused-probes');
    stagePackage(root);
    const result = await node(['--require', './refuse-probes.js', 'probe.js'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    const err = JSON.parse(result.stdout.trim().split('\n').pop());
    assertClearError(err, 'missing', 'refused probes');
    assert.ok(err.message.includes('Neither is installed.'), err.message);
  });

  test('a wrong file named like the binary: the same error, saying it failed to load', async () => {
    const root = path.join(tmp, 'wrong-local');
    const pkgDir = stagePackage(root);
    fs.writeFileSync(path.join(pkgDir, `${BINARY_NAME}.${binary.platformName}.node`), 'this is not a shared library\n');
    const err = await probe(root);
    assertClearError(err, 'load-failed');
    assert.match(err.message, /A binary was found but failed to load: .*\.node/, err.message);
    assert.ok(!err.message.includes('Neither is installed.'), err.message);
  });

  test('a wrong binary in the platform package: the same error, saying it failed to load', async () => {
    const root = path.join(tmp, 'wrong-package');
    stagePackage(root);
    fakePlatformPackage(root, binary.packageName, `${BINARY_NAME}.${binary.platformName}.node`, Buffer.from('MZ not a binary for this platform'));
    const err = await probe(root);
    assertClearError(err, 'load-failed');
    assert.match(err.message, /A binary was found but failed to load: .*\.node/, err.message);
  });

  test('node_modules installed on another platform: names the stray platform package', async () => {
    const root = path.join(tmp, 'other-platform');
    stagePackage(root);
    fakePlatformPackage(root, `${PKG.name}-${otherPlatform}`, `${BINARY_NAME}.${otherPlatform}.node`, 'binary for another platform');
    const err = await probe(root);
    assertClearError(err, 'missing');
    assert.ok(err.message.includes(`Installed instead: ${PKG.name}-${otherPlatform}, for another platform`), err.message);
  });

  test('NAPI_RS_NATIVE_LIBRARY_PATH pointing at nothing: says so, with the same platform and fixes', async () => {
    const root = path.join(tmp, 'override');
    stagePackage(root);
    const missing = path.join(root, 'nowhere', 'missing.node');
    const err = await probe(root, { NAPI_RS_NATIVE_LIBRARY_PATH: missing });
    assertClearError(err, 'missing');
    assert.ok(err.message.includes(`NAPI_RS_NATIVE_LIBRARY_PATH=${missing} is set and did not load`), err.message);
  });

  test('a platform without a prebuilt binary: says so, lists the prebuilt ones, and points at building from source', async () => {
    const root = path.join(tmp, 'unsupported');
    stagePackage(root);
    // pretend to be a CPU nobody builds for
    fs.writeFileSync(path.join(root, 'fake-arch.js'), "Object.defineProperty(process, 'arch', { value: 'riscv64' });\n");
    const result = await node(['--require', './fake-arch.js', 'probe.js'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    const err = JSON.parse(result.stdout.trim().split('\n').pop());
    assert.equal(err.code, CODE);
    assert.equal(err.reason, 'unsupported');
    const platformName = binary.platformName.replace(process.arch, 'riscv64');
    assert.equal(err.platform, platformName);
    assert.ok(err.message.split('\n')[0].includes('arch riscv64'), err.message);
    assert.ok(err.message.includes(`There is no prebuilt binary for ${platformName} (prebuilt: ${PKG.napi.targets.map(platformNameOfTriple).join(', ')})`), err.message);
    assert.match(err.message, /Fix: build from source: `npm run build`/, err.message);
    assert.ok(!err.message.includes('npm install --os='), err.message);
  });

  test('with the binary in place, the same layout loads (the cases above fail only for the binary)', async () => {
    const root = path.join(tmp, 'present');
    const pkgDir = stagePackage(root);
    fs.copyFileSync(binary.path, path.join(pkgDir, binary.file));
    const err = await probe(root);
    assert.equal(err.loaded, true, err.message);
    const esm = await probeEsm(root);
    assert.equal(esm.code, 0, esm.stderr);
    assert.deepEqual(JSON.parse(esm.stdout), { loaded: true });
    const dynamic = await node(['probe-dynamic.mjs'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(dynamic.code, 0, dynamic.stderr);
    assert.deepEqual(JSON.parse(dynamic.stdout), { loaded: true });
    // with every probe refused it still finds and loads the binary
    const refused = await node(['--require', './refuse-probes.js', 'probe.js'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(refused.code, 0, refused.stderr);
    assert.deepEqual(JSON.parse(refused.stdout.trim()), { loaded: true });
  });

  test('loading calls no process.report.getReport() (milliseconds at every start): on Linux the C library is read from /proc/self/maps', async () => {
    const root = path.join(tmp, 'libc-probe');
    const pkgDir = stagePackage(root);
    fs.copyFileSync(binary.path, path.join(pkgDir, binary.file));
    fs.writeFileSync(
      path.join(root, 'count-reports.js'),
      `'use strict';
const getReport = process.report.getReport.bind(process.report);
globalThis.reportCalls = 0;
process.report.getReport = (...args) => { globalThis.reportCalls++; return getReport(...args); };
process.on('exit', () => process.stderr.write('REPORT_CALLS ' + globalThis.reportCalls + '\\n'));
`,
    );
    const result = await node(['--require', './count-reports.js', 'probe.js'], { cwd: root, env: cleanEnv(), timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout.trim()), { loaded: true });
    assert.match(result.stderr, /REPORT_CALLS 0\n/, 'process.report.getReport() was called');
  });
});
