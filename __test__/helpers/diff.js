'use strict';

// Differential harness: run one scenario against the official @infisical/sdk and against our
// addon, each against a freshly reset local test server, record what the server saw and how the
// call ended, normalise what legitimately differs run to run, and compare.
//
// A scenario is `async (sdkModule, ctx) => result`. `result` must be plain data (the harness
// cannot compare SDK instances across implementations; return `sdk === value` instead).
//
// Modes (env INFISICAL_DIFF_SIDES):
//   both (default)  every scenario runs through both packages; if our addon cannot be loaded the
//                   tests fail with the load error.
//   official        only the official package runs (useful while the addon does not build);
//                   the per-side `check` callbacks still run, so the tests still assert facts.

const assert = require('node:assert/strict');
const path = require('node:path');
const { startTestServer, closedPort, describeError, callOutcome } = require('./common');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..', '..');
const OFFICIAL_ENTRY = require.resolve('@infisical/sdk');
const OFFICIAL_DIR = path.dirname(path.dirname(path.dirname(OFFICIAL_ENTRY))); // .../@infisical/sdk

const SIDES_MODE = (process.env.INFISICAL_DIFF_SIDES || 'both').toLowerCase();
const OFFICIAL_ONLY = SIDES_MODE === 'official';

const PROJECT_ID = '11111111-1111-1111-1111-111111111111';
const CLIENT_ID = 'test-client-id';
const CLIENT_SECRET = 'test-client-secret';
const AWS_IDENTITY_ID = '00000000-0000-0000-0000-00000000bbbb';

// Env our addon reads in `new InfisicalSDK()`: a short retry wait keeps retry scenarios fast. The
// per-attempt timeout stays at the official 10 s, like the official side's: the test server can take
// seconds to make an RSA-4096 key on a loaded machine, and a shorter timeout made ours retry the POST
// (tests that need a short timeout set their own).
const OURS_FAST_ENV = {
  INFISICAL_SDK_RETRY_BASE_DELAY_MS: '10',
  INFISICAL_SDK_REQUEST_TIMEOUT_MS: '10000',
};

// ---------------------------------------------------------------------------------------------
// Loading the two packages

let oursCache = null;
function loadOurs() {
  if (!oursCache) {
    try {
      oursCache = { mod: require(ROOT), error: null };
    } catch (error) {
      oursCache = { mod: null, error };
    }
  }
  return oursCache;
}

function loadOfficial() {
  return require('@infisical/sdk');
}

function oursOrThrow() {
  const { mod, error } = loadOurs();
  if (!mod) {
    const e = new Error(
      `our addon could not be loaded with require(${JSON.stringify(ROOT)}): ${error && error.message}` +
        ' (set INFISICAL_DIFF_SIDES=official to run the official side only)',
    );
    e.cause = error;
    throw e;
  }
  return mod;
}

// The ESM entry of a package directory: package.json exports["."].import, then "module",
// then index.mjs.
function esmEntry(dir) {
  let pkg = {};
  try {
    pkg = require(path.join(dir, 'package.json'));
  } catch {
    /* no package.json */
  }
  let rel;
  const dot = pkg.exports && (typeof pkg.exports === 'string' ? null : pkg.exports['.'] || pkg.exports);
  if (dot && typeof dot === 'object' && dot.import) {
    rel = typeof dot.import === 'string' ? dot.import : dot.import.default;
  }
  if (!rel && pkg.module) rel = pkg.module;
  if (!rel) rel = 'index.mjs';
  return pathToFileURL(path.join(dir, rel)).href;
}

async function importOfficialEsm() {
  return import('@infisical/sdk');
}

async function importOursEsm() {
  return import(esmEntry(ROOT));
}

// ---------------------------------------------------------------------------------------------
// Test server



// The server's clock (timestamps, JWT iat/exp) is pinned to FIXED_NOW_MS plus whatever
// server.advanceTime() added, so both sides see the same ids, timestamps and tokens. Scenarios
// that need a fresh token (renew) call ctx.tick() first, like a real second passing.
const FIXED_NOW_MS = Date.parse('2026-01-01T00:00:00.000Z');
const FIXED_NOW_ISO = new Date(FIXED_NOW_MS).toISOString();

function freezeServerClock(server) {
  if (typeof server.freezeClock === 'function') {
    server.freezeClock(FIXED_NOW_MS);
    return true;
  }
  const st = server.state;
  if (st && typeof st.now === 'function' && 'clockOffsetMs' in st) {
    st.now = function frozenNow() {
      return FIXED_NOW_MS + (this.clockOffsetMs || 0);
    };
    return true;
  }
  return false;
}

// Register file-level before/after hooks that start one server and close it. Returns a holder
// whose `.server` is set once the hook ran.
function useServer(opts) {
  const { before, after } = require('node:test');
  const holder = { server: null, closedPortUrl: null, clockFrozen: false };
  before(async () => {
    holder.server = await startTestServer(opts);
    holder.clockFrozen = freezeServerClock(holder.server);
    holder.closedPortUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  after(async () => {
    if (holder.server) await holder.server.close();
    holder.server = null;
  });
  return holder;
}


// ---------------------------------------------------------------------------------------------
// Timers and environment

// While `fn` runs, setTimeout calls made from inside the official package with a delay >= minMs
// are divided by `factor` (the retry back-off sleeps of 1 s, 2 s, 4 s, 8 s). The per-attempt
// request timeout (exactly 10 000 ms) is scaled only with `scaleTimeout: true`, for scenarios
// that wait for it. Restored afterwards, whatever happens.
async function withScaledTimers(fn, { factor = 100, minMs = 500, scaleTimeout = false } = {}) {
  const original = globalThis.setTimeout;
  const scaled = [];
  function patchedSetTimeout(cb, ms, ...args) {
    if (typeof ms === 'number' && ms >= minMs && (scaleTimeout || ms !== 10000)) {
      const stack = new Error().stack || '';
      if (stack.includes(OFFICIAL_DIR)) {
        scaled.push(ms);
        return original.call(this, cb, ms / factor, ...args);
      }
    }
    return original.call(this, cb, ms, ...args);
  }
  // keep util.promisify(setTimeout) and friends working (inherited symbol getters)
  Object.setPrototypeOf(patchedSetTimeout, original);
  globalThis.setTimeout = patchedSetTimeout;
  try {
    const value = await fn();
    return { value, scaled };
  } finally {
    globalThis.setTimeout = original;
  }
}

function setEnv(vars) {
  for (const [k, v] of Object.entries(vars || {})) {
    if (v === undefined || v === null) delete process.env[k];
    else process.env[k] = String(v);
  }
}

function snapshotEnv() {
  return { ...process.env };
}

function restoreEnv(saved) {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  for (const [k, v] of Object.entries(saved)) if (process.env[k] !== v) process.env[k] = v;
}

// Keys added or changed in process.env since `before` (deleted keys map to undefined).
function envDelta(before) {
  const delta = {};
  for (const [k, v] of Object.entries(process.env)) if (before[k] !== v) delta[k] = v;
  for (const k of Object.keys(before)) if (!(k in process.env)) delta[k] = undefined;
  return delta;
}

// ---------------------------------------------------------------------------------------------
// Recording

function headerValue(headers, name) {
  if (!headers) return undefined;
  const v = headers[name] !== undefined ? headers[name] : headers[name.toLowerCase()];
  if (v !== undefined) return Array.isArray(v) ? v.join(', ') : v;
  for (const [k, val] of Object.entries(headers)) {
    if (k.toLowerCase() === name.toLowerCase()) return Array.isArray(val) ? val.join(', ') : val;
  }
  return undefined;
}

function simplifyRequest(r) {
  const url = typeof r.url === 'string' ? r.url : '';
  const q = url.indexOf('?');
  const rawPath = q >= 0 ? url.slice(0, q) : url || r.path;
  const rawQuery = q >= 0 ? url.slice(q + 1) : '';
  let body;
  if (r.json !== undefined && r.json !== null) body = r.json;
  else if (typeof r.body === 'string' && r.body.length > 0) body = r.body;
  else if (Buffer.isBuffer(r.body) && r.body.length > 0) body = r.body.toString('utf8');
  else body = undefined;
  return {
    method: r.method,
    path: rawPath,
    query: { raw: rawQuery, pairs: [...new URLSearchParams(rawQuery)] },
    body,
    authorization: headerValue(r.headers, 'authorization'),
    contentType: headerValue(r.headers, 'content-type'),
  };
}



// ---------------------------------------------------------------------------------------------
// Normalisation

const JWT_RE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

// Collect access tokens in a deterministic order: Authorization headers and token bodies of the
// recorded requests first, then anything JWT-shaped or registered by the scenario.
function collectTokens(side, extra) {
  const seen = [];
  const add = (t) => {
    // short values ("Bearer 12345", "Bearer undefined") are not tokens worth hiding
    if (typeof t === 'string' && t.length >= 16 && !seen.includes(t)) seen.push(t);
  };
  for (const r of side.requests) {
    if (typeof r.authorization === 'string' && r.authorization.startsWith('Bearer ')) {
      add(r.authorization.slice('Bearer '.length));
    }
    if (r.body && typeof r.body === 'object' && typeof r.body.accessToken === 'string') add(r.body.accessToken);
  }
  for (const t of extra || []) add(t);
  const scan = (v) => {
    if (typeof v === 'string') {
      for (const m of v.match(JWT_RE) || []) add(m);
    } else if (Array.isArray(v)) v.forEach(scan);
    else if (v && typeof v === 'object') Object.values(v).forEach(scan);
  };
  scan(side.outcome);
  scan(side.env);
  return seen;
}

function mapStrings(value, fn) {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    const out = {};
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      out['[[class]]'] = (proto && proto.constructor && proto.constructor.name) || 'unknown';
    } else if (proto === null) {
      out['[[class]]'] = 'null-prototype';
    }
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out;
  }
  return value;
}

// options: { timestamps: bool (ISO dates → '<iso-date>'), tokens: bool (default true),
//            extraTokens: [..], custom: (side) => side }
function normalizeSide(side, options = {}) {
  let out = {
    requests: side.requests,
    outcome: side.outcome,
    env: side.env,
  };
  if (options.tokens !== false) {
    const extra = [...(side.tokens || []), ...(options.extraTokens || [])];
    // number tokens in order of first appearance; replace longest first
    const order = collectTokens(side, extra);
    const tokens = [...order].sort((a, b) => b.length - a.length);
    const names = new Map(order.map((t, i) => [t, `<token#${i + 1}>`]));
    if (tokens.length) {
      out = mapStrings(out, (s) => {
        let r = s;
        for (const t of tokens) if (r.includes(t)) r = r.split(t).join(names.get(t));
        return r;
      });
    }
  }
  // request ids of error envelopes are random
  out = mapStrings(out, (s) => s.replace(/req-[A-Za-z0-9]{14}/g, '<req-id>'));
  if (options.timestamps) out = mapStrings(out, (s) => (ISO_RE.test(s) ? '<iso-date>' : s));
  if (options.custom) out = options.custom(out);
  return out;
}

// Without a pinned server clock, timestamps differ between the two runs: normalise them.
function normalizeOptions(holder, opts) {
  const n = { ...(opts.normalize || {}) };
  if (!holder.clockFrozen && n.timestamps === undefined) n.timestamps = true;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Running one side

// opts: { setup(server, ctx) after the reset, env: {} for both sides, oursEnv: {} (on top of
//         OURS_FAST_ENV; undefined deletes), officialEnv: {}, scaleTimeout: bool }
// Returns { requests, outcome, env (process.env changes), elapsedMs, tokens, scaledTimers }.
async function runSide(sideName, mod, holder, scenario, opts = {}) {
  const server = holder.server;
  if (!server) throw new Error('test server not started (useServer() missing?)');
  if (typeof server.reset === 'function') server.reset();
  if (typeof server.clearFaults === 'function') server.clearFaults();
  const ctx = makeCtx(sideName, holder);
  if (opts.setup) await opts.setup(server, ctx);
  server.clearRequests();

  const saved = snapshotEnv();
  setEnv(opts.env);
  if (sideName === 'ours') setEnv({ ...OURS_FAST_ENV, ...(opts.oursEnv || {}) });
  else setEnv(opts.officialEnv);
  const envBefore = snapshotEnv();
  const started = Date.now();
  let outcome;
  let env;
  let scaledTimers = [];
  try {
    const run = () => callOutcome(() => scenario(mod, ctx));
    if (sideName === 'official') {
      const r = await withScaledTimers(run, { scaleTimeout: !!opts.scaleTimeout });
      outcome = r.value;
      scaledTimers = r.scaled;
    } else {
      outcome = await run();
    }
    env = envDelta(envBefore);
  } finally {
    restoreEnv(saved);
  }
  const elapsedMs = Date.now() - started;
  const requests = server.requests.map(simplifyRequest);
  return { requests, outcome, env, elapsedMs, tokens: ctx.tokens, scaledTimers };
}

function makeCtx(side, holder) {
  const server = holder.server;
  const tokens = [];
  return {
    side,
    server,
    tokens,
    // register a token the scenario saw (e.g. getAccessToken()) so it is normalised even when
    // it never appears in a request
    markToken(t) {
      if (typeof t === 'string' && !tokens.includes(t)) tokens.push(t);
      return t;
    },
    url: server.url,
    closedPortUrl: holder.closedPortUrl,
    projectId: PROJECT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    // let a second pass on the server clock (a renewed JWT then differs from the old one)
    tick(seconds = 1) {
      server.advanceTime(seconds);
    },
    // new SDK on the test server, logged in with universal auth. `options` are extra
    // constructor options; the official package ignores the ones it does not know
    // (e.g. `autoTokenRefresh: false`, which makes ours behave like it on expiry).
    async loggedIn(mod, options = {}) {
      const sdk = new mod.InfisicalSDK({ siteUrl: server.url, ...options });
      await sdk.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
      return sdk;
    },
  };
}

// Up to `max` leaf-level differences between two values, as readable lines.
function differences(expected, actual, max = 12) {
  const out = [];
  const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));
  const walk = (a, b, p) => {
    if (out.length >= max) return;
    if (Object.is(a, b)) return;
    const objA = a !== null && typeof a === 'object';
    const objB = b !== null && typeof b === 'object';
    if (objA && objB && Array.isArray(a) === Array.isArray(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      for (const k of keys) walk(a[k], b[k], Array.isArray(a) ? `${p}[${k}]` : `${p}.${k}`);
      return;
    }
    out.push(`  ${p || '(root)'}: official=${show(a)} ours=${show(b)}`);
  };
  walk(expected, actual, '');
  return out.join('\n');
}

function printable(side) {
  return JSON.stringify(side, (k, v) => (v === undefined ? '<undefined>' : v), 2);
}

// ---------------------------------------------------------------------------------------------
// Public API

// Run `scenario` on both packages (or only the official one in official-only mode), compare,
// and return { official, ours } (normalised). `opts.check(side, name)` runs on each side's
// normalised record and should assert the facts the scenario is about, so a test keeps meaning
// when only one side runs.
async function runDiff(holder, scenario, opts = {}) {
  const official = await runSide('official', loadOfficial(), holder, scenario, opts);
  const nOfficial = normalizeSide(official, normalizeOptions(holder, opts));
  if (opts.check) await opts.check(nOfficial, 'official', official);
  if (OFFICIAL_ONLY) return { official: nOfficial, ours: null, raw: { official } };

  const ours = await runSide('ours', oursOrThrow(), holder, scenario, opts);
  const nOurs = normalizeSide(ours, normalizeOptions(holder, opts));
  assert.deepStrictEqual(
    { requests: nOurs.requests, outcome: nOurs.outcome, env: nOurs.env },
    { requests: nOfficial.requests, outcome: nOfficial.outcome, env: nOfficial.env },
    `ours differs from official:\n${differences(
      { requests: nOfficial.requests, outcome: nOfficial.outcome, env: nOfficial.env },
      { requests: nOurs.requests, outcome: nOurs.outcome, env: nOurs.env },
    )}\n--- official:\n${printable(nOfficial)}\n--- ours:\n${printable(nOurs)}`,
  );
  // deepStrictEqual ignores key order; JSON consumers do not
  assert.equal(
    JSON.stringify(nOurs.outcome),
    JSON.stringify(nOfficial.outcome),
    'same values but different key order in the outcome',
  );
  if (opts.check) await opts.check(nOurs, 'ours', ours);
  return { official: nOfficial, ours: nOurs, raw: { official, ours } };
}

// A scenario where we differ on purpose: the official outcome and ours are asserted separately.
// opts.official(side) / opts.ours(side) receive the normalised records.
async function runDeliberate(holder, scenario, opts = {}) {
  if (typeof opts.official !== 'function' || typeof opts.ours !== 'function') {
    throw new Error('runDeliberate needs both an official and an ours assertion');
  }
  const official = await runSide('official', loadOfficial(), holder, scenario, opts);
  const nOfficial = normalizeSide(official, normalizeOptions(holder, opts));
  await opts.official(nOfficial, official);
  if (OFFICIAL_ONLY) return { official: nOfficial, ours: null };
  const ours = await runSide('ours', oursOrThrow(), holder, scenario, opts);
  const nOurs = normalizeSide(ours, normalizeOptions(holder, opts));
  await opts.ours(nOurs, ours);
  return { official: nOfficial, ours: nOurs };
}

// Run only our package (for checks that cannot apply to the official one).
async function runOurs(holder, scenario, opts = {}) {
  const ours = await runSide('ours', oursOrThrow(), holder, scenario, opts);
  return { ...normalizeSide(ours, normalizeOptions(holder, opts)), elapsedMs: ours.elapsedMs };
}

// Convenience assertions on a normalised side
function assertRejected(side, { name, message, messageIncludes, messageMatch } = {}) {
  assert.ok(side.outcome.rejected, `expected a rejection, got ${printable(side.outcome)}`);
  const r = side.outcome.rejected;
  assert.equal(r.isError, true, 'rejection value must be an Error');
  if (name !== undefined) assert.equal(r.name, name);
  if (message !== undefined) assert.equal(r.message, message);
  for (const part of [].concat(messageIncludes || [])) {
    assert.ok(r.message.includes(part), `message ${JSON.stringify(r.message)} should include ${JSON.stringify(part)}`);
  }
  if (messageMatch) assert.match(r.message, messageMatch);
  return r;
}

function assertResolved(side) {
  assert.ok('resolved' in side.outcome, `expected resolution, got ${printable(side.outcome)}`);
  return side.outcome.resolved;
}

/**
 * Asserts our side refused bad input locally: a rejected promise (no synchronous throw) with an
 * InfisicalSDKError whose message matches each of `patterns` (the option at fault, the call),
 * no TypeError text leaking through, and no request after the login.
 */
function assertRefusedLocally(side, ...patterns) {
  const r = assertResolved(side);
  assert.equal(r.threwSynchronously, undefined, `ours threw synchronously: ${JSON.stringify(r)}`);
  assert.ok(r.rejected, `ours must reject: ${JSON.stringify(r)}`);
  assert.equal(r.rejected.name, 'InfisicalSDKError');
  assert.equal(r.rejected.isError, true);
  for (const pattern of patterns) assert.match(r.rejected.message, pattern);
  assert.doesNotMatch(r.rejected.message, /Cannot read properties/);
  assert.equal(apiRequests(side).length, 0, 'no request for bad input');
}

/** A side's requests after the login (none to the auth routes). */
const apiRequests = (side) => side.requests.filter((r) => !r.path.startsWith('/api/v1/auth/'));

/** The outcome callOutcome reports for a call rejected with an Error of this name and message. */
const rejectedShape = (name, message) => ({ rejected: { name, message, isError: true } });

/** Calls each function of `calls` in turn; resolves to their outcomes (callOutcome) under the same keys. */
async function settleAll(calls) {
  const out = {};
  for (const [k, call] of Object.entries(calls)) out[k] = await callOutcome(call);
  return out;
}

function queryObject(req) {
  return Object.fromEntries(req.query.pairs);
}

module.exports = {
  ROOT,
  OFFICIAL_ONLY,
  PROJECT_ID,
  FIXED_NOW_MS,
  FIXED_NOW_ISO,
  CLIENT_ID,
  CLIENT_SECRET,
  AWS_IDENTITY_ID,
  OURS_FAST_ENV,
  loadOurs,
  loadOfficial,
  oursOrThrow,
  importOfficialEsm,
  importOursEsm,
  esmEntry,
  startTestServer,
  useServer,
  closedPort,
  withScaledTimers,
  setEnv,
  snapshotEnv,
  restoreEnv,
  simplifyRequest,
  describeError,
  callOutcome,
  normalizeSide,
  runDiff,
  runDeliberate,
  runOurs,
  assertRejected,
  assertResolved,
  assertRefusedLocally,
  apiRequests,
  rejectedShape,
  settleAll,
  queryObject,
  printable,
  differences,
};
