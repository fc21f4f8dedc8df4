'use strict';
// Shared by the packaging tests: child processes with a clean environment,
// temporary directories, the platform this machine builds for, and the
// small user apps (CommonJS and ES module) that run the README quickstart.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const BINARY_NAME = PKG.napi.binaryName;
const NAPI_CLI = path.join(ROOT, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const IS_WINDOWS = process.platform === 'win32';

/**
 * The environment for child processes: this one without what `npm test`
 * exports to its scripts (npm_config_local_prefix would point a child npm at
 * this repository) and without loader overrides.
 */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || /^NAPI_RS_/.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.AWS_EC2_METADATA_DISABLED = 'true';
  // npm: no update check, audit or funding requests
  env.npm_config_update_notifier = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  return { ...env, ...extra };
}

/** Runs a command; resolves to { code, signal, stdout, stderr } (never rejects on exit codes). */
function run(command, args, { cwd = ROOT, env = cleanEnv(), timeout = 60_000, shell = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, shell, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `npm <args>` (npm.cmd through a shell on Windows). */
function npm(args, options = {}) {
  if (IS_WINDOWS) return run('npm.cmd', args.map((a) => JSON.stringify(a)), { ...options, shell: true });
  return run('npm', args, options);
}

/** `node <args>` with this Node binary. */
function node(args, options = {}) {
  return run(process.execPath, args, options);
}

/** Fails with the output of a child process when its exit code is not 0. */
function expectOk(result, what) {
  if (result.code !== 0) {
    throw new Error(`${what} exited with ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  return result;
}

/** A new temporary directory (outside this repository, so nothing resolves from its node_modules). */
function makeTempDir(prefix) {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `infisical-sdk-native-${prefix}-`)));
}

function removeDir(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** napi-rs platform name of a Rust target triple (x86_64-unknown-linux-gnu -> linux-x64-gnu). */
function platformNameOfTriple(triple) {
  const cpu = triple.split('-')[0];
  const arch = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm' }[cpu] || cpu;
  if (triple.endsWith('-apple-darwin')) return `darwin-${arch}`;
  if (triple.endsWith('-pc-windows-msvc')) return `win32-${arch}-msvc`;
  const linux = /-unknown-linux-(gnu|musl)$/.exec(triple);
  if (linux) return `linux-${arch}-${linux[1]}`;
  throw new Error(`unexpected target triple ${triple}`);
}

/**
 * The binary built here (`npm run build` / `build:debug` writes
 * <binaryName>.<platform>.node into the repository root) and its target.
 */
function localBinary() {
  const prefix = `${BINARY_NAME}.`;
  const found = fs.readdirSync(ROOT).filter((f) => f.startsWith(prefix) && f.endsWith('.node'));
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${prefix}<platform>.node in ${ROOT} (run \`npm run build:debug\` first), found: ${found.join(', ') || 'none'}`);
  }
  const file = found[0];
  const platformName = file.slice(prefix.length, -'.node'.length);
  const triple = PKG.napi.targets.find((t) => platformNameOfTriple(t) === platformName);
  if (!triple) throw new Error(`${file} is for ${platformName}, which is not in package.json napi.targets`);
  return { file, path: path.join(ROOT, file), platformName, triple, packageName: `${PKG.name}-${platformName}` };
}

/**
 * Source of a small user app that runs the README quickstart with the SDK
 * imported from `specifier`, against the server in the environment
 * (INFISICAL_SITE_URL, _CLIENT_ID, _CLIENT_SECRET, _PROJECT_ID), and prints
 * one JSON line. `format` is 'cjs' or 'esm'; the import is written out
 * literally, as a user (and a bundler) sees it.
 */
function quickstartApp({ format, specifier, secretName, bundled = false }) {
  // bundled: no createRequire of the package (a bundle that holds the SDK has no package to require at run time)
  const load =
    format === 'esm'
      ? [
          `import { InfisicalSDK, SecretType } from '${specifier}';`,
          `import * as namespace from '${specifier}';`,
          ...(bundled
            ? ['const fromRequire = namespace;']
            : [`import { createRequire } from 'node:module';`, `const fromRequire = createRequire(import.meta.url)('${specifier}');`]),
        ]
      : [`'use strict';`, `const { InfisicalSDK, SecretType } = require('${specifier}');`, `const namespace = require('${specifier}');`, `const fromRequire = namespace;`];
  return `${load.join('\n')}

async function main() {
  const env = process.env;
  const projectId = env.INFISICAL_PROJECT_ID;
  const client = new InfisicalSDK({ siteUrl: env.INFISICAL_SITE_URL });
  await client.auth().universalAuth.login({ clientId: env.INFISICAL_CLIENT_ID, clientSecret: env.INFISICAL_CLIENT_SECRET });
  const listed = await client.secrets().listSecrets({ environment: 'dev', projectId });
  const one = await client.secrets().getSecret({ environment: 'dev', projectId, secretName: 'DATABASE_URL' });
  const created = await client.secrets().createSecret('${secretName}', { environment: 'dev', projectId, secretValue: 'v1' });
  const updated = await client.secrets().updateSecret('${secretName}', { environment: 'dev', projectId, secretValue: 'v2' });
  const deleted = await client.secrets().deleteSecret('${secretName}', { environment: 'dev', projectId });
  console.log(JSON.stringify({
    keys: listed.secrets.map((s) => s.secretKey).sort(),
    databaseUrl: one.secretValue,
    created: created.secret.secretKey,
    updatedVersion: updated.secret.version,
    deleted: deleted.secret.secretKey,
    secretTypeShared: SecretType.Shared,
    namespaceHasClass: namespace.InfisicalSDK === InfisicalSDK,
    namespaceHasDefault: 'default' in namespace,
    sameClassAsRequire: fromRequire.InfisicalSDK === InfisicalSDK,
  }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
`;
}

/** Starts the local test server with the secrets the quickstart reads; returns { server, env }. */
async function startQuickstartServer() {
  const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
  const server = await startServer();
  const projectId = server.project.id;
  server.setSecret(projectId, 'dev', '/', 'DATABASE_URL', 'postgres://app:app@localhost:5432/app');
  server.setSecret(projectId, 'dev', '/', 'API_KEY', 'api-key');
  const env = cleanEnv({
    INFISICAL_SITE_URL: server.url,
    INFISICAL_CLIENT_ID: DEFAULTS.clientId,
    INFISICAL_CLIENT_SECRET: DEFAULTS.clientSecret,
    INFISICAL_PROJECT_ID: projectId,
  });
  return { server, env };
}

/** What a quickstart app must print, given the secret name it created. */
function expectedQuickstart(secretName) {
  return {
    keys: ['API_KEY', 'DATABASE_URL'],
    databaseUrl: 'postgres://app:app@localhost:5432/app',
    created: secretName,
    updatedVersion: 2,
    deleted: secretName,
    secretTypeShared: 'shared',
    namespaceHasClass: true,
    namespaceHasDefault: false,
    sameClassAsRequire: true,
  };
}

/** The last line of a child's stdout, parsed as JSON. */
function lastJsonLine(stdout) {
  const lines = stdout.trim().split(/\r?\n/);
  return JSON.parse(lines[lines.length - 1]);
}

module.exports = {
  ROOT,
  PKG,
  BINARY_NAME,
  NAPI_CLI,
  TSC,
  IS_WINDOWS,
  cleanEnv,
  run,
  npm,
  node,
  expectOk,
  makeTempDir,
  removeDir,
  platformNameOfTriple,
  localBinary,
  quickstartApp,
  startQuickstartServer,
  expectedQuickstart,
  lastJsonLine,
};
