'use strict';

// Shared helpers of the real-server suite (__test__/real/*.real.js, run by __test__/real/run.js).
//
// The suite runs against a real Infisical server: the bundled one (../shared/real-infisical, started
// by run.js) or your own self-hosted instance. Either way the runner hands the tests, in the
// environment:
//   INFISICAL_REAL_SITE_URL       the server, e.g. http://127.0.0.1:18080
//   INFISICAL_REAL_CLIENT_ID      universal-auth client id of a machine identity that is an
//   INFISICAL_REAL_CLIENT_SECRET  organisation ADMIN (it creates the projects and identities the tests use)
//
// Every request the two SDKs send goes through a recording proxy on loopback (startProxy), which
// records method, path, query, body and Authorization (like the local harness in
// __test__/helpers/diff.js) and sets `X-Forwarded-For`: the server rate-limits per client IP and
// per route (60 requests a minute on the secrets routes), so each run of a scenario, and each
// provisioning request, gets its own address from 10.0.0.0/8. Nothing leaves loopback.

const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const { after } = require('node:test');

const diff = require('../helpers/diff');

const { callOutcome, withScaledTimers, snapshotEnv, restoreEnv, setEnv, OURS_FAST_ENV, loadOfficial, oursOrThrow, differences, printable } =
  diff;

// ---------------------------------------------------------------------------------------------
// Configuration

function config() {
  const siteUrl = process.env.INFISICAL_REAL_SITE_URL;
  const clientId = process.env.INFISICAL_REAL_CLIENT_ID;
  const clientSecret = process.env.INFISICAL_REAL_CLIENT_SECRET;
  if (!siteUrl || !clientId || !clientSecret) {
    throw new Error(
      'the real-server suite needs INFISICAL_REAL_SITE_URL, INFISICAL_REAL_CLIENT_ID and INFISICAL_REAL_CLIENT_SECRET: ' +
        'run it with `npm run test:real` (which starts the bundled server) or set them for your own server',
    );
  }
  return { siteUrl: siteUrl.replace(/\/+$/, ''), clientId, clientSecret };
}

// A fresh client address per call (10.a.b.c; `a` from the process id so that test files running in
// parallel never share one).
let ipCounter = 0;
function nextIp() {
  ipCounter += 1;
  const a = 1 + (process.pid % 250);
  return `10.${a}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP

async function rawApi(base, method, route, { token, body, query, ip, headers } = {}) {
  const url = new URL(base + route);
  for (const [k, v] of Object.entries(query || {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-forwarded-for': ip || nextIp(),
      ...(headers || {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: Object.fromEntries(res.headers) };
}

// The same, failing the test on a non-2xx answer (for provisioning)
async function api(base, method, route, opts) {
  const r = await rawApi(base, method, route, opts);
  if (r.status < 200 || r.status >= 300) {
    throw new Error(`${method} ${route} -> HTTP ${r.status}: ${JSON.stringify(r.json).slice(0, 400)}`);
  }
  return r.json;
}

function jwtPayload(token) {
  return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// Provisioning (as ../shared/real-infisical/bootstrap.mjs does), with clean-up after the file

class Provisioner {
  constructor(cfg = config()) {
    this.cfg = cfg;
    this.base = cfg.siteUrl;
    this.tokenPromise = null;
    this.cleanups = [];
    this.orgId = null;
  }

  async token() {
    if (!this.tokenPromise) {
      this.tokenPromise = (async () => {
        const r = await api(this.base, 'POST', '/api/v1/auth/universal-auth/login', {
          body: { clientId: this.cfg.clientId, clientSecret: this.cfg.clientSecret },
        });
        const { identityId } = jwtPayload(r.accessToken);
        const me = await api(this.base, 'GET', `/api/v1/identities/${identityId}`, { token: r.accessToken });
        this.orgId = me.identity.orgId;
        return r.accessToken;
      })();
    }
    return this.tokenPromise;
  }

  async call(method, route, opts = {}) {
    return api(this.base, method, route, { ...opts, token: await this.token() });
  }

  // A machine identity with universal auth and one client secret. ttl/maxTtl undefined: the
  // server's defaults (30 days both).
  async createIdentity({ name = `sdk-real-${rand()}`, ttl, maxTtl, orgRole = 'member' } = {}) {
    await this.token();
    const { identity } = await this.call('POST', '/api/v1/identities', {
      body: { name, organizationId: this.orgId, role: orgRole },
    });
    this.cleanups.push(() => this.call('DELETE', `/api/v1/identities/${identity.id}`));
    const ua = {};
    if (ttl !== undefined) ua.accessTokenTTL = ttl;
    if (maxTtl !== undefined) ua.accessTokenMaxTTL = maxTtl;
    await this.call('POST', `/api/v1/auth/universal-auth/identities/${identity.id}`, { body: ua });
    const { clientSecret } = await this.call('POST', `/api/v1/auth/universal-auth/identities/${identity.id}/client-secrets`, {
      body: { description: 'sdk real-server suite' },
    });
    const { identityUniversalAuth } = await this.call('GET', `/api/v1/auth/universal-auth/identities/${identity.id}`);
    return { identityId: identity.id, name, clientId: identityUniversalAuth.clientId, clientSecret };
  }

  // A project (with the server's default environments dev, staging, prod), deleted after the file.
  async createProject({ name = `sdk-real-${rand()}`, members = [] } = {}) {
    const { project } = await this.call('POST', '/api/v2/workspace', { body: { projectName: name } });
    this.cleanups.push(() => this.call('DELETE', `/api/v1/workspace/${project.id}`));
    await this.createProjectKey(project.id);
    for (const m of members) await this.addMember(project.id, m.identityId, m.role || 'admin');
    return project;
  }

  // This server makes a project's KMS key at the first secret read or write, under a lock that is
  // one for all projects (kms-service.ts: redlock takes [prefix, projectId] as two resources, the
  // prefix alone shared): a project whose first use meets another project's makes it wait ~5 s and
  // answer 500 "Missing project KMS key ID". Test files run in parallel, so each new project's key is
  // made here by one read of its (empty) root, read again after such a 500.
  async createProjectKey(projectId) {
    for (let attempt = 1; ; attempt++) {
      const r = await rawApi(this.base, 'GET', '/api/v3/secrets/raw', {
        token: await this.token(),
        query: { workspaceId: projectId, environment: 'dev' },
      });
      if (r.status === 200) return;
      if (r.status !== 500 || attempt === 3) {
        throw new Error(`making the KMS key of project ${projectId}: HTTP ${r.status}: ${JSON.stringify(r.json).slice(0, 200)}`);
      }
    }
  }

  async addMember(projectId, identityId, role = 'admin') {
    return this.call('POST', `/api/v2/workspace/${projectId}/identity-memberships/${identityId}`, { body: { role } });
  }

  // --- seeding data
  async setSecret(projectId, environment, secretPath, key, value, extra = {}) {
    const r = await this.call('POST', `/api/v3/secrets/raw/${encodeURIComponent(key)}`, {
      body: { workspaceId: projectId, environment, secretPath, secretValue: value, type: 'shared', ...extra },
    });
    return r.secret;
  }

  async updateSecret(projectId, environment, secretPath, key, value) {
    return this.call('PATCH', `/api/v3/secrets/raw/${encodeURIComponent(key)}`, {
      body: { workspaceId: projectId, environment, secretPath, secretValue: value, type: 'shared' },
    });
  }

  // mkdir -p
  async createFolder(projectId, environment, fullPath) {
    const parts = fullPath.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const parent = `/${parts.slice(0, i).join('/')}`;
      await this.call('POST', '/api/v1/folders', {
        body: { workspaceId: projectId, environment, name: parts[i], path: parent },
      });
    }
  }

  async createTag(projectId, slug, color = '#aabbcc') {
    const r = await this.call('POST', `/api/v1/workspace/${projectId}/tags`, { body: { slug, color } });
    return r.workspaceTag || r.tag || r;
  }

  async addImport(projectId, environment, path, from) {
    return this.call('POST', '/api/v1/secret-imports', {
      body: { workspaceId: projectId, environment, path, import: { environment: from.environment, path: from.path } },
    });
  }

  async cleanup() {
    const jobs = this.cleanups.splice(0).reverse();
    // projects first (they reference the identities), best effort: a failed clean-up never fails a test
    const results = await Promise.allSettled(jobs.map((j) => j()));
    return results.filter((r) => r.status === 'rejected').length;
  }
}

function rand() {
  return crypto.randomBytes(4).toString('hex');
}

// One provisioner per test file, cleaned up at the end of the file.
function useProvisioner() {
  const p = new Provisioner();
  after(() => p.cleanup());
  return p;
}

// ---------------------------------------------------------------------------------------------
// Recording proxy

const SECRET_FIELDS = new Set(['clientSecret']);

function maskBody(body) {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const out = {};
    for (const [k, v] of Object.entries(body)) out[k] = SECRET_FIELDS.has(k) && typeof v === 'string' ? '<client-secret>' : v;
    return out;
  }
  return body;
}

async function startProxy(target = config().siteUrl) {
  const t = new URL(target);
  let current = { ip: nextIp(), records: [] };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const rec = current;
      const url = req.url;
      const q = url.indexOf('?');
      const rawQuery = q >= 0 ? url.slice(q + 1) : '';
      let body;
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      }
      const record = {
        method: req.method,
        path: q >= 0 ? url.slice(0, q) : url,
        query: { raw: rawQuery, pairs: [...new URLSearchParams(rawQuery)] },
        body: maskBody(body),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
      };
      Object.defineProperty(record, 'userAgent', { value: req.headers['user-agent'], enumerable: false });
      rec.records.push(record);
      const headers = { ...req.headers, host: t.host, 'x-forwarded-for': rec.ip };
      delete headers.connection;
      const up = http.request(
        { hostname: t.hostname, port: t.port, method: req.method, path: (t.pathname.replace(/\/$/, '') || '') + url, headers },
        (ur) => {
          const out = [];
          ur.on('data', (c) => out.push(c));
          ur.on('end', () => {
            Object.defineProperty(record, 'response', {
              value: { status: ur.statusCode, retryAfter: ur.headers['retry-after'] },
              enumerable: false,
            });
            const h = { ...ur.headers };
            delete h.connection;
            delete h['keep-alive'];
            delete h['transfer-encoding'];
            res.writeHead(ur.statusCode, h);
            res.end(Buffer.concat(out));
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(raw);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}${t.pathname.replace(/\/$/, '')}`;
  return {
    url,
    // start recording a new run with its own client address
    begin(ip = nextIp()) {
      current = { ip, records: [] };
      return ip;
    },
    get ip() {
      return current.ip;
    },
    records() {
      return current.records;
    },
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const JWT_RE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

// Keys used to put rows in a stable order (the server answers in database order)
const SORT_KEYS = ['secretKey', 'key', 'slug', 'name', 'environment', 'secretPath', 'id'];

function sortRows(value) {
  if (Array.isArray(value)) {
    const items = value.map(sortRows);
    const k = SORT_KEYS.find((key) => items.length > 1 && items.every((it) => it && typeof it === 'object' && typeof it[key] === 'string'));
    if (k) {
      const pathKey = items.every((it) => typeof it.secretPath === 'string') && k !== 'secretPath';
      items.sort((a, b) => (pathKey ? cmp(a.secretPath, b.secretPath) : 0) || cmp(a[k], b[k]) || cmp(JSON.stringify(a), JSON.stringify(b)));
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const out = {};
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) out['[[class]]'] = (proto && proto.constructor && proto.constructor.name) || 'unknown';
    for (const [k, v] of Object.entries(value)) out[k] = sortRows(v);
    return out;
  }
  return value;
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function mapStrings(value, fn, key) {
  if (typeof value === 'string') return fn(value, key);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn, k);
    return out;
  }
  return value;
}

function mapKeys(value, fn) {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, fn));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const r = fn(k, v);
      out[k] = r === undefined ? mapKeys(v, fn) : r;
    }
    return out;
  }
  return value;
}

// side: { requests, outcome, env }; marks: [[value, label]] of per-run strings (slugs, names...)
// options.mask: keys whose values become '<string>' etc. (random ciphertexts, ...)
function normalizeRun(side, { marks = [], mask = [] } = {}) {
  let out = sortRows({ requests: side.requests, outcome: side.outcome, env: side.env });
  if (mask.length) out = mapKeys(out, (k, v) => (mask.includes(k) ? `<${v === null ? 'null' : typeof v}>` : undefined));
  const ordered = [...marks].filter(([v]) => typeof v === 'string' && v.length > 0).sort((a, b) => b[0].length - a[0].length);
  const tokens = new Map();
  const ids = new Map();
  out = mapStrings(out, (s) => {
    let r = s;
    for (const [v, label] of ordered) if (r.includes(v)) r = r.split(v).join(label);
    r = r.replace(JWT_RE, (t) => {
      if (!tokens.has(t)) tokens.set(t, `<token#${tokens.size + 1}>`);
      return tokens.get(t);
    });
    r = r.replace(UUID_RE, (u) => {
      const k = u.toLowerCase();
      if (!ids.has(k)) ids.set(k, `<id#${ids.size + 1}>`);
      return ids.get(k);
    });
    r = r.replace(ISO_RE, '<iso-date>');
    r = r.replace(/req-[A-Za-z0-9]{14}/g, '<req-id>');
    r = r.replace(/try again in \d+ seconds/g, 'try again in <n> seconds');
    return r;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Differential runs on the real server

function envDelta(before) {
  const delta = {};
  for (const [k, v] of Object.entries(process.env)) if (before[k] !== v) delta[k] = v;
  for (const k of Object.keys(before)) if (!(k in process.env)) delta[k] = undefined;
  return delta;
}

// File-level context: provisioner, proxy, and the identity the SDKs log in with (admin of every
// project made for a run).
function useRealHarness({ identity = { ttl: 3600, maxTtl: 7200 } } = {}) {
  const { before } = require('node:test');
  const h = { prov: new Provisioner(), proxy: null, identity: null, counters: { matched: 0, deliberate: 0, oursOnly: 0 } };
  before(async () => {
    h.proxy = await startProxy(h.prov.base);
    h.identity = await h.prov.createIdentity(identity);
  });
  after(async () => {
    if (h.proxy) await h.proxy.close();
    await h.prov.cleanup();
    if (process.env.INFISICAL_REAL_COUNTS_FILE) {
      require('node:fs').appendFileSync(process.env.INFISICAL_REAL_COUNTS_FILE, `${JSON.stringify({ file: require.main && require.main.filename, ...h.counters })}\n`);
    }
  });
  return h;
}

// The context a scenario gets. Each run (one per package) has its own fresh project unless
// opts.project === false.
async function makeCtx(h, side, opts) {
  const marks = [];
  const ctx = {
    side,
    url: h.proxy.url,
    siteUrl: h.prov.base,
    prov: h.prov,
    identity: h.identity,
    clientId: h.identity.clientId,
    clientSecret: h.identity.clientSecret,
    marks,
    mark(value, label) {
      marks.push([value, label]);
      return value;
    },
    async loggedIn(mod, options = {}, creds = h.identity) {
      const sdk = new mod.InfisicalSDK({ siteUrl: h.proxy.url, ...options });
      await sdk.auth().universalAuth.login({ clientId: creds.clientId, clientSecret: creds.clientSecret });
      return sdk;
    },
    // a raw request as this run's client (through the proxy, recorded)
    raw(method, route, o = {}) {
      return rawApi(h.proxy.url, method, route, { ...o, ip: h.proxy.ip });
    },
  };
  if (opts.project !== false) {
    const project = await h.prov.createProject({ members: [{ identityId: h.identity.identityId, role: 'admin' }] });
    ctx.project = project;
    ctx.projectId = project.id;
    ctx.mark(project.slug, '<project-slug>');
    ctx.mark(project.name, '<project-name>');
  }
  if (opts.setup) await opts.setup(ctx);
  return ctx;
}

async function runSide(h, sideName, mod, scenario, opts) {
  const ctx = await makeCtx(h, sideName, opts);
  const saved = snapshotEnv();
  setEnv(opts.env);
  if (sideName === 'ours') setEnv({ ...OURS_FAST_ENV, ...(opts.oursEnv || {}) });
  const envBefore = snapshotEnv();
  // a setup may have chosen this run's client address (ctx.ip), e.g. to exhaust its rate limit first
  h.proxy.begin(ctx.ip || undefined);
  let outcome;
  let env;
  try {
    const run = () => callOutcome(() => scenario(mod, ctx));
    outcome = sideName === 'official' ? (await withScaledTimers(run)).value : await run();
    env = envDelta(envBefore);
  } finally {
    restoreEnv(saved);
  }
  const records = h.proxy.records();
  const side = { requests: [...records], outcome, env };
  const n = normalizeRun(side, { marks: ctx.marks, mask: opts.mask });
  Object.defineProperty(n, 'raw', { value: { records, ctx }, enumerable: false });
  return n;
}

// Both packages, one fresh project each; the normalised requests, outcome and process.env changes
// must be equal. opts: { setup(ctx), check(side, name), mask: [keys], env, oursEnv, project }
async function runRealDiff(h, scenario, opts = {}) {
  const official = await runSide(h, 'official', loadOfficial(), scenario, opts);
  if (opts.check) await opts.check(official, 'official');
  const ours = await runSide(h, 'ours', oursOrThrow(), scenario, opts);
  const a = { requests: official.requests, outcome: official.outcome, env: official.env };
  const b = { requests: ours.requests, outcome: ours.outcome, env: ours.env };
  assert.deepStrictEqual(
    b,
    a,
    `ours differs from official on the real server:\n${differences(a, b)}\n--- official:\n${printable(a)}\n--- ours:\n${printable(b)}`,
  );
  assert.equal(JSON.stringify(b.outcome), JSON.stringify(a.outcome), 'same values but different key order in the outcome');
  if (opts.check) await opts.check(ours, 'ours');
  h.counters.matched += 1;
  return { official, ours };
}

// A listed deliberate difference: each side asserted on its own. opts.official(side), opts.ours(side)
async function runRealDeliberate(h, scenario, opts = {}) {
  if (typeof opts.official !== 'function' || typeof opts.ours !== 'function') {
    throw new Error('runRealDeliberate needs both an official and an ours assertion');
  }
  const official = await runSide(h, 'official', loadOfficial(), scenario, opts);
  await opts.official(official);
  const ours = await runSide(h, 'ours', oursOrThrow(), scenario, opts);
  await opts.ours(ours);
  h.counters.deliberate += 1;
  return { official, ours };
}

// A call @infisical/sdk does not have: only this package runs the scenario (in its own fresh
// project, through the recording proxy); opts.check(side) asserts what the real server did.
async function runRealOurs(h, scenario, opts = {}) {
  if (typeof opts.check !== 'function') throw new Error('runRealOurs needs a check');
  const ours = await runSide(h, 'ours', oursOrThrow(), scenario, opts);
  await opts.check(ours, 'ours');
  h.counters.oursOnly += 1;
  return ours;
}

function rejectedWith(side, { name, message, match } = {}) {
  assert.ok(side.outcome.rejected, `expected a rejection, got ${printable(side.outcome)}`);
  if (name !== undefined) assert.equal(side.outcome.rejected.name, name);
  if (message !== undefined) assert.equal(side.outcome.rejected.message, message);
  if (match !== undefined) assert.match(side.outcome.rejected.message, match);
  return side.outcome.rejected;
}

function resolved(side) {
  assert.ok('resolved' in side.outcome, `expected a resolution, got ${printable(side.outcome)}`);
  return side.outcome.resolved;
}

module.exports = {
  config,
  nextIp,
  rawApi,
  api,
  jwtPayload,
  Provisioner,
  useProvisioner,
  startProxy,
  normalizeRun,
  sortRows,
  useRealHarness,
  runRealDiff,
  runRealDeliberate,
  runRealOurs,
  rejectedWith,
  resolved,
  rand,
};
