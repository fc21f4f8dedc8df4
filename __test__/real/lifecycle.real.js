'use strict';

// Token lifecycle on a real Infisical server: an identity whose tokens live 5 s (TTL) and at most
// 12 s (max TTL), and both packages calling listSecrets once a second for 30 s. Real time has to pass
// here (the server counts it), so the test asserts outcomes, not timings:
// - ours: every call succeeds, through renewals (POST /api/v1/auth/token/renew) and new logins (the
//   max TTL runs out at least twice in 30 s);
// - official: the first calls succeed, then it fails once the TTL has run out and never recovers
//   (401, then 403 once the JWT expires at the max TTL), recorded in RELIABILITY.md.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Provisioner, startProxy } = require('./helpers');
const { OURS_FAST_ENV, loadOfficial, oursOrThrow, setEnv, snapshotEnv, restoreEnv } = require('../helpers/diff');

const TTL = 5;
const MAX_TTL = 12;
const RUN_MS = 30_000;
const EVERY_MS = 1_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test(`token lifecycle: TTL ${TTL} s, max TTL ${MAX_TTL} s, a call a second for ${RUN_MS / 1000} s`, async () => {
  const prov = new Provisioner();
  const proxies = [];
  try {
    const id = await prov.createIdentity({ ttl: TTL, maxTtl: MAX_TTL });
    const project = await prov.createProject({ members: [{ identityId: id.identityId, role: 'admin' }] });
    await prov.setSecret(project.id, 'dev', '/', 'LIFECYCLE', 'alive');

    const official = await startProxy(prov.base);
    const ours = await startProxy(prov.base);
    proxies.push(official, ours);

    const saved = snapshotEnv();
    setEnv(OURS_FAST_ENV); // read by `new InfisicalSDK()`
    let oursSdk;
    try {
      oursSdk = new (oursOrThrow().InfisicalSDK)({ siteUrl: ours.url });
    } finally {
      restoreEnv(saved);
    }
    const officialSdk = new (loadOfficial().InfisicalSDK)({ siteUrl: official.url });
    const creds = { clientId: id.clientId, clientSecret: id.clientSecret };
    await officialSdk.auth().universalAuth.login(creds);
    await oursSdk.auth().universalAuth.login(creds);

    const results = { official: [], ours: [] };
    const call = (sdk) =>
      sdk
        .secrets()
        .listSecrets({ projectId: project.id, environment: 'dev' })
        .then(
          (r) => (r.secrets.length === 1 && r.secrets[0].secretValue === 'alive' ? 'ok' : `unexpected ${JSON.stringify(r).slice(0, 100)}`),
          (e) => `${e.name}: ${e.message.replace(/^\[URL=[^\]]*\] /, '')}`,
        );
    const end = Date.now() + RUN_MS;
    while (Date.now() < end) {
      const tick = sleep(EVERY_MS);
      const [a, b] = await Promise.all([call(officialSdk), call(oursSdk)]);
      results.official.push(a);
      results.ours.push(b);
      await tick;
    }

    const count = (proxy, p) => proxy.records().filter((r) => r.path === p).length;
    const summary = {
      calls: results.ours.length,
      ours: {
        failed: results.ours.filter((r) => r !== 'ok'),
        logins: count(ours, '/api/v1/auth/universal-auth/login'),
        renewals: count(ours, '/api/v1/auth/token/renew'),
      },
      official: {
        ok: results.official.filter((r) => r === 'ok').length,
        failures: [...new Set(results.official.filter((r) => r !== 'ok'))],
        firstFailure: results.official.findIndex((r) => r !== 'ok'),
      },
    };
    process.stderr.write(`[lifecycle] ${JSON.stringify(summary)}\n`);

    // ours: every call succeeded; the max TTL ran out at least twice, so it logged in again at least
    // twice; and it renewed the token before its TTL ran out
    assert.ok(summary.calls >= RUN_MS / EVERY_MS - 2, 'the loop ran');
    assert.deepEqual(summary.ours.failed, [], 'every call of ours succeeded');
    assert.ok(summary.ours.logins >= 3, `ours logged in again (${summary.ours.logins} logins)`);
    assert.ok(summary.ours.renewals >= 1, `ours renewed (${summary.ours.renewals} renewals)`);
    const renewRecords = ours.records().filter((r) => r.path === '/api/v1/auth/token/renew');
    assert.ok(renewRecords.every((r) => r.response && r.response.status === 200), 'ours never renewed past the max TTL');
    const relogins = ours.records().filter((r) => r.path === '/api/v1/auth/universal-auth/login').slice(1);
    assert.ok(relogins.every((r) => r.authorization === undefined), 'the new logins carry no Authorization');

    // official: it works until the TTL runs out, then every call fails and it never recovers: 401
    // "Failed to renew MI access token due to TTL expiration" (the server checks the TTL in its
    // database and deletes the row), 401 "No identity access token found" after that, and 403 "Your
    // token has expired" once the JWT itself expires (at the max TTL on this server version)
    assert.ok(summary.official.ok >= 1, 'the official package worked at first');
    assert.ok(summary.official.firstFailure > 0, 'the official package failed after a while');
    assert.ok(results.official.slice(summary.official.firstFailure).every((r) => r !== 'ok'), 'and never recovered');
    assert.equal(count(official, '/api/v1/auth/token/renew'), 0, 'the official package never renews by itself');
    assert.equal(count(official, '/api/v1/auth/universal-auth/login'), 1, 'nor logs in again');
    for (const f of summary.official.failures) {
      assert.match(
        f,
        /^InfisicalSDKRequestError: \[Method=GET\] \[StatusCode=(401\] (Failed to renew MI access token due to TTL expiration|No identity access token found)|403\] Your token has expired\. Please re-authenticate\.)$/,
      );
    }
  } finally {
    for (const p of proxies) await p.close();
    await prov.cleanup();
  }
});
