'use strict';

// Test helpers shared by every suite, defined once: ports, the test server, child environments,
// and ways to wait for a call's outcome.

const assert = require('node:assert/strict');
const net = require('node:net');
const util = require('node:util');
const { performance } = require('node:perf_hooks');

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

module.exports = {
  loadServerModule,
  startTestServer,
  closedPort,
  childEnv,
  rejection,
  describeError,
  callOutcome,
  settle,
};
