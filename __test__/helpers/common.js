'use strict';

// Test helpers shared by every suite, defined once: ports, the test server, child environments,
// and ways to wait for a call's outcome.

const assert = require('node:assert/strict');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { Worker } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');

/** The package under test. */
const ROOT = path.resolve(__dirname, '..', '..');

/** The test server module: infisical-sdk-native/testing, or INFISICAL_TEST_SERVER_MODULE (another implementation of the same contract). */
function loadServerModule() {
  const p = process.env.INFISICAL_TEST_SERVER_MODULE || require.resolve('infisical-sdk-native/testing');
  return require(p);
}

/** A local test server on a free loopback port, quiet unless asked. */
async function startTestServer(options = {}) {
  const { startServer } = loadServerModule();
  return startServer({ port: 0, log: false, ...options });
}

/** The login options of the test server's default universal-auth identity. */
function defaultLogin() {
  const { DEFAULTS } = loadServerModule();
  return { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret };
}

/** Logs `sdk` in with the test server's default universal-auth identity (what the login resolves to). */
function loginDefault(sdk) {
  return sdk.auth().universalAuth.login(defaultLogin());
}

/** A new `InfisicalSDK` on `siteUrl` (plus `options`), logged in with the test server's default identity. */
async function loggedIn(InfisicalSDK, siteUrl, options = {}) {
  const sdk = new InfisicalSDK({ siteUrl, ...options });
  await loginDefault(sdk);
  return sdk;
}

/** The requests `server` (the test server) received at `route` since `mark` (an index into server.requests). */
function sentTo(server, route, mark = 0) {
  return server.requests.slice(mark).filter((r) => r.path === route);
}

/** A loopback port nothing listens on (bound once, then released). */
function closedPort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** An environment for a child: `base` (the current one by default) plus `extra`, where undefined deletes a key. */
function childEnv(extra = {}, base = process.env) {
  const env = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = String(v);
  }
  return env;
}

/**
 * Runs `fn` with process.env changed: the variables named in `clear` (names, or prefixes ending
 * in '*') removed, then `vars` set (undefined removes). Every variable it touched is restored when
 * `fn` returns, or when its promise settles; resolves or returns what `fn` does.
 */
function withEnvCleared(vars, clear, fn) {
  const cleared = Object.keys(process.env).filter((name) =>
    clear.some((c) => (c.endsWith('*') ? name.startsWith(c.slice(0, -1)) : name === c)),
  );
  const saved = new Map([...cleared, ...Object.keys(vars)].map((name) => [name, process.env[name]]));
  for (const name of cleared) delete process.env[name];
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = String(value);
  }
  const restore = () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  let result;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (result && typeof result.then === 'function') return Promise.resolve(result).finally(restore);
  restore();
  return result;
}

/** Runs `fn` with process.env changed by `vars` (undefined removes), restored afterwards (see withEnvCleared). */
function withEnv(vars, fn) {
  return withEnvCleared(vars, [], fn);
}

/**
 * The current environment without AWS or Infisical variables, ~/.aws files or the EC2 metadata
 * service (nothing for a login to find unless the test puts it there), retries kept short.
 */
function credentialFreeEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('INFISICAL_')) env[key] = value;
  }
  const nowhere = path.join(os.tmpdir(), 'infisical-sdk-native-no-such-dir');
  return {
    ...env,
    HOME: nowhere,
    AWS_CONFIG_FILE: path.join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(nowhere, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    INFISICAL_SDK_RETRY_BASE_DELAY_MS: '5',
  };
}

/**
 * Runs `body` (the source of an async function taking ({ InfisicalSDK, siteUrl })) in a worker
 * thread whose process.env starts as `env` (a copy, not the parent's), resolving to its result
 * as `{ value }` or `{ error: { name, message } }`.
 */
function inWorker(env, body, siteUrl) {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { InfisicalSDK } = require(workerData.root);
    (${body})({ InfisicalSDK, siteUrl: workerData.siteUrl }).then(
      (value) => parentPort.postMessage({ value }),
      (error) => parentPort.postMessage({ error: { name: error && error.name, message: String(error && error.message) } }),
    );`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, env, workerData: { root: ROOT, siteUrl } });
    worker.once('message', (message) => {
      worker.terminate().then(() => resolve(message));
    });
    worker.once('error', reject);
  });
}

/** The error `promise` rejects with; fails the test if it resolves. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to reject');
}

/** name / message / isError of anything thrown. */
function describeError(e) {
  if (e === null || (typeof e !== 'object' && typeof e !== 'function')) {
    return { name: typeof e, message: String(e), isError: false };
  }
  return { name: e.name, message: e.message, isError: e instanceof Error };
}

/**
 * How `fn()` ended, as plain data to compare across packages: `{ resolved }`, `{ rejected }`, or
 * `{ threwSynchronously }` (reported apart from a rejection).
 */
async function callOutcome(fn) {
  let p;
  try {
    p = fn();
  } catch (e) {
    return { threwSynchronously: describeError(e) };
  }
  try {
    return { resolved: await p };
  } catch (e) {
    return { rejected: describeError(e) };
  }
}

const TIMED_OUT = Symbol('timed out');

/**
 * Calls `fn` and waits for its promise: `{ ok, value | error, elapsed }`. Fails the test if `fn`
 * throws synchronously, does not return a promise, or the promise has not settled within `ms`.
 */
async function settle(fn, ms = 20000) {
  const start = performance.now();
  let promise;
  try {
    promise = fn();
  } catch (error) {
    assert.fail(`the call threw synchronously instead of returning a promise: ${util.inspect(error)}`);
  }
  assert.ok(promise && typeof promise.then === 'function', 'the call did not return a promise');
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        (value) => ({ ok: true, value }),
        (error) => ({ ok: false, error }),
      ),
      deadline,
    ]);
    if (outcome === TIMED_OUT) assert.fail(`the promise did not settle within ${ms} ms`);
    outcome.elapsed = performance.now() - start;
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A loopback HTTP forward proxy, as HTTPS_PROXY / HTTP_PROXY name them: absolute-form requests
 * (`GET http://host:port/path`) are forwarded, `CONNECT host:port` opens a tunnel. It only
 * forwards to loopback addresses (anything else gets 403), so a test can never reach out.
 * `requests` records `{ method, url, headers }` of every request it received, tunnels included.
 */
async function startForwardProxy() {
  const http = require('node:http');
  const requests = [];
  const sockets = new Set();
  const isLoopback = (host) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    let target;
    try {
      target = new URL(req.url);
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    if (!isLoopback(target.hostname)) {
      res.writeHead(403).end('loopback only');
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    requests.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    const { hostname, port } = new URL(`http://${req.url}`);
    if (!isLoopback(hostname)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    clear() {
      requests.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = {
  loadServerModule,
  startForwardProxy,
  startTestServer,
  defaultLogin,
  loginDefault,
  loggedIn,
  sentTo,
  closedPort,
  childEnv,
  credentialFreeEnv,
  inWorker,
  withEnv,
  withEnvCleared,
  rejection,
  describeError,
  callOutcome,
  settle,
};
