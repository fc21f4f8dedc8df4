'use strict';

// Shared pieces of the reliability suite (issue 4): loading the addon with fast retry/timeout
// knobs, a process-level watch for unhandled rejections and uncaught exceptions, assertions on
// SDK errors, a fault-injecting loopback proxy in front of the test server, test certificates
// made with the openssl CLI, and child processes.
//
// Not a test file (the name matches none of node --test's patterns).

const assert = require('node:assert/strict');
const { afterEach, after } = require('node:test');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_MODULE = require.resolve('infisical-sdk-native/testing');
const { DEFAULTS } = require(SERVER_MODULE);
const { startTestServer, closedPort, childEnv, settle, loggedIn, loginDefault } = require('../helpers/common');

const PROJECT_ID = DEFAULTS.projectId;
const SDK_ERROR_NAMES = new Set(['InfisicalSDKError', 'InfisicalSDKRequestError']);

// ---------------------------------------------------------------------------------------------
// Loading the addon

/**
 * Sets the knobs our package reads in `new InfisicalSDK()`: the first retry wait (doubling
 * after) and the per-attempt timeout. Call before constructing clients.
 */
function useFastEnv({ retryMs = 10, timeoutMs = 1000 } = {}) {
  process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = String(retryMs);
  process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = String(timeoutMs);
}

function loadSdk() {
  return require(ROOT);
}

// ---------------------------------------------------------------------------------------------
// Process watch: any unhandled rejection or uncaught exception fails the test that was running.

const problems = [];
let watching = false;

/** Installs the listeners (once per file) and an afterEach hook that fails on anything seen. */
function watchProcess() {
  if (watching) return problems;
  watching = true;
  process.on('unhandledRejection', (reason) => problems.push({ kind: 'unhandledRejection', reason }));
  process.on('uncaughtException', (error) => problems.push({ kind: 'uncaughtException', reason: error }));
  const check = async () => {
    // let pending rejections surface: they are reported after the microtask queue drains
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    if (problems.length) {
      const seen = problems.splice(0).map((p) => `${p.kind}: ${util.inspect(p.reason)}`);
      assert.fail(`the process saw ${seen.length} unhandled failure(s):\n${seen.join('\n')}`);
    }
  };
  afterEach(check);
  after(check);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// SDK errors

/** The error is one of the SDK's two classes, an Error with a non-empty message. */
function assertSdkError(error, { name, message } = {}) {
  assert.ok(error instanceof Error, `expected an Error, got ${util.inspect(error)}`);
  assert.ok(SDK_ERROR_NAMES.has(error.name), `expected an SDK error, got ${error.name}: ${error.message}`);
  assert.equal(error.constructor.name, error.name, 'the class and the name agree');
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0, 'the message is not empty');
  assert.equal(typeof error.stack, 'string');
  if (name) assert.equal(error.name, name, `error name (message: ${error.message})`);
  if (message instanceof RegExp) assert.match(error.message, message);
  else if (typeof message === 'string') assert.equal(error.message, message);
}

/** Calls `fn`, expects a rejection with an SDK error; returns `{ error, elapsed }`. */
async function expectSdkRejection(fn, expected = {}, ms) {
  const outcome = await settle(fn, ms);
  assert.equal(outcome.ok, false, `expected a rejection, resolved with ${util.inspect(outcome.value, { depth: 2 })}`);
  assertSdkError(outcome.error, expected);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Fault proxy: forwards to `upstream` (the test server) unless a queued handler takes the request.
// Handlers get `(req, res, body)` with the request fully read; they can misbehave at will
// (raw socket writes, destroy midway). Every request is recorded with its raw URL and headers.

function collectBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

async function startProxy({ upstream, host = '127.0.0.1', tls, maxHeaderSize } = {}) {
  const queue = [];
  const requests = [];
  const agent = new http.Agent({ keepAlive: true });
  const target = upstream ? new URL(upstream) : null;

  function forward(req, res, body) {
    if (!target) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('no upstream');
      return;
    }
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  }

  const onRequest = async (req, res) => {
    const body = await collectBody(req);
    requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, body: body.toString('utf8') });
    const idx = queue.findIndex((e) => !e.match || e.match(req));
    if (idx === -1) return forward(req, res, body);
    const entry = queue[idx];
    if (--entry.times <= 0) queue.splice(idx, 1);
    entry.handler(req, res, body, () => forward(req, res, body));
  };

  const serverOptions = maxHeaderSize ? { maxHeaderSize } : {};
  const server = tls
    ? https.createServer({ ...serverOptions, key: tls.key, cert: tls.cert }, onRequest)
    : http.createServer(serverOptions, onRequest);
  server.keepAliveTimeout = 5000;
  server.on('tlsClientError', () => {});
  server.on('clientError', (err, socket) => socket.destroy());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    host,
    port,
    requests,
    /** Queues `handler(req, res, body, forward)` for the next `times` requests `match` accepts. */
    inject(handler, { times = 1, match } = {}) {
      queue.push({ handler, times, match });
    },
    clear() {
      queue.length = 0;
      requests.length = 0;
    },
    closeIdle() {
      server.closeIdleConnections();
    },
    async close() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Certificates, made with the openssl CLI (node:crypto cannot issue X.509 certificates).

function opensslVersion() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * A private CA and a server certificate it signed (SAN IP:127.0.0.1, DNS:localhost), plus a
 * plain self-signed server certificate. Returns null when openssl is missing.
 */
function makeCertificates() {
  if (!opensslVersion()) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infisical-reliability-tls-'));
  const run = (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Reliability Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' +
      'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext']);
  // A self-signed leaf, as `openssl req -x509` users make them (CA:FALSE, with the SAN).
  run(['req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'extendedKeyUsage=serverAuth']);
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caPath: path.join(dir, 'ca.pem'),
    ca: read('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    selfKey: read('self.key'),
    selfCert: read('self.pem'),
    selfPath: path.join(dir, 'self.pem'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs `node script ...args` and collects its output. `exitAt` is Date.now() when the parent saw
 * the child exit; `lines` are its stdout lines parsed as JSON where they parse.
 */
function runNode(script, args = [], { env, timeoutMs = 60000, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
      env: env || process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${path.basename(script)} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const exitAt = Date.now();
      clearTimeout(timer);
      // stdio may still be draining: wait for 'close' before reading the output
      child.on('close', () => {
        const lines = stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            try {
              return JSON.parse(l);
            } catch {
              return l;
            }
          });
        resolve({ code, signal, stdout, stderr, exitAt, lines });
      });
    });
  });
}


module.exports = {
  ROOT,
  DEFAULTS,
  PROJECT_ID,
  SDK_ERROR_NAMES,
  useFastEnv,
  loadSdk,
  watchProcess,
  settle,
  assertSdkError,
  expectSdkRejection,
  startTestServer,
  loggedIn,
  loginDefault,
  closedPort,
  startProxy,
  collectBody,
  opensslVersion,
  makeCertificates,
  runNode,
  childEnv,
};
