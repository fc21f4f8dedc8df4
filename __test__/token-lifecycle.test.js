'use strict';

// The token lifecycle (README "Beyond the official SDK"): a token from universalAuth.login or
// awsIamAuth.login is renewed before it expires and obtained again (same login method) when a
// renewal would pass the max TTL or the server refuses it; a token set by accessToken() and
// every token with `autoTokenRefresh: false` are left alone, as in the official SDK.
//
// Time passes through the SDK's clock and the server's together (`advance`: the SDK's testing
// hook and server.advanceTime), never waited for, so the outcomes do not depend on how busy the
// machine is. Both clocks still run in real time as well, in step, so the few real milliseconds a
// test takes only shift every event a little; the token lifetimes (100 s) and steps (10 s) leave
// each renew point a wide berth. The server's JWTs, like the real server's (jsonwebtoken), carry
// `exp` in whole seconds counted from a floored `iat`, so a token may die up to a second before
// `expiresIn` says; the SDK's renewal margin covers that.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';
process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = '5000';

const { test, describe, before, after, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { rejection } = require('./helpers/common');
const http = require('node:http');
const path = require('node:path');
const { spawn, fork } = require('node:child_process');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const ROOT = path.resolve(__dirname, '..');
const { InfisicalSDK } = require(ROOT);

const PROJECT_ID = DEFAULTS.projectId;
const UA_LOGIN = '/api/v1/auth/universal-auth/login';
const AWS_LOGIN = '/api/v1/auth/aws-auth/login';
const RENEW = '/api/v1/auth/token/renew';
const SECRETS = '/api/v3/secrets/raw';
const CHILD = path.join(__dirname, 'helpers', 'lifecycle-child.js');

// ---------------------------------------------------------------------------------------------
// What the server answered: every response of the current test server, with its time, status
// and the token the request carried (server.requests has the requests but not the answers).

let server;
let responses = [];
/** Milliseconds `advance` moved both clocks in the current test: server time is Date.now() + this. */
let advancedMs = 0;
const originalWriteHead = http.ServerResponse.prototype.writeHead;

before(() => {
  http.ServerResponse.prototype.writeHead = function writeHead(status, ...rest) {
    const req = this.req;
    if (server && req && this.socket && this.socket.localPort === server.port) {
      const auth = req.headers.authorization;
      responses.push({
        at: Date.now() + advancedMs,
        method: req.method,
        path: req.url.split('?')[0],
        status,
        token: auth ? auth.replace(/^Bearer /, '') : null,
      });
    }
    return originalWriteHead.call(this, status, ...rest);
  };
});

after(() => {
  http.ServerResponse.prototype.writeHead = originalWriteHead;
});

beforeEach(async () => {
  responses = [];
  advancedMs = 0;
  server = await startServer({ log: false });
  server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://one');
});

afterEach(async () => {
  await server.close();
  server = null;
});

const isLogin = (r) => r.path === UA_LOGIN || r.path === AWS_LOGIN;
const isRenew = (r) => r.path === RENEW;
const isRead = (r) => r.method === 'GET' && r.path.startsWith(SECRETS);

/** The payload of a JWT (not verified). */
const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** A compact line per response, for assertion messages. */
const describeLog = (log, t0) =>
  log.map((r) => `${((r.at - t0) / 1000).toFixed(3)} s ${r.status} ${r.method} ${r.path}${r.token ? ' (bearer)' : ''}`).join('\n');

const TESTING = Symbol.for('infisical-sdk-native.testing');

/** Lets `seconds` pass for the SDK client(s) and the server alike, without waiting. */
function advance(sdks, seconds) {
  for (const sdk of [].concat(sdks)) sdk[TESTING].advanceClock(seconds * 1000);
  server.advanceTime(seconds);
  advancedMs += seconds * 1000;
}

/** The server time now (ms), on the clock the responses are stamped with. */
const serverNow = () => Date.now() + advancedMs;

/**
 * Resolves once the server has received a request to `path` after its first `mark` requests (no
 * fixed waits); fails if `call` (a promise that does not reject) settles without one.
 */
async function untilRequest(path, mark, call) {
  let settled = false;
  call.then(() => (settled = true));
  while (!server.requests.slice(mark).some((r) => r.path === path)) {
    if (settled) assert.fail(`the call ended without a request to ${path}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let identityCounter = 0;
/** A new universal-auth identity with the given TTLs (seconds); returns its login options and id. */
function identity(accessTokenTTL, accessTokenMaxTTL) {
  identityCounter += 1;
  const login = { clientId: `lifecycle-client-${identityCounter}`, clientSecret: `lifecycle-secret-${identityCounter}` };
  const { identityId } = server.addIdentity({ ...login, accessTokenTTL, accessTokenMaxTTL });
  return { login, identityId };
}

const read = (sdk, secretName = 'DB_URL') => sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName });


// ---------------------------------------------------------------------------------------------
describe('renewal and re-login before expiry', () => {
  test('a loop of calls across several expiries and a max-TTL boundary never fails, renews before each expiry and logs in again only at the max TTL', async () => {
    // 100 s tokens, a 350 s max TTL, a call every 10 s for 700 s: renewals near 80, 160 and 240 s
    // into each session, a re-login near 320 s (the next renewal would pass the max TTL), twice.
    const TTL = 100;
    const MAX_TTL = 350;
    const STEP = 10;
    const LOOP = 700;
    const { login } = identity(TTL, MAX_TTL);
    const sdk = new InfisicalSDK({ siteUrl: server.url });

    const t0 = serverNow();
    await sdk.auth().universalAuth.login(login);
    const failures = [];
    let calls = 0;
    for (let elapsed = 0; elapsed < LOOP; elapsed += STEP) {
      try {
        assert.equal((await read(sdk)).secretValue, 'postgres://one');
      } catch (error) {
        failures.push(`${elapsed} s: ${error.message}`);
      }
      calls += 1;
      advance(sdk, STEP);
    }
    const end = serverNow();
    const log = responses.slice();
    const timeline = `\nwhat the server answered:\n${describeLog(log, t0)}`;

    assert.deepEqual(failures, [], `calls failed${timeline}`);
    // Every token was replaced before it expired (renewal), and no renewal was refused (re-login
    // in time at the max TTL): the server never had to refuse a token.
    const refused = log.filter((r) => r.status !== 200);
    assert.deepEqual(refused.map((r) => `${r.status} ${r.method} ${r.path}`), [], `the server refused requests${timeline}`);
    for (const r of log.filter(isRead)) {
      assert.ok(claims(r.token).exp * 1000 > r.at, `a read at ${r.at - t0} ms carried an expired token${timeline}`);
    }
    assert.equal(log.filter(isRead).length, calls, `one request per call, no retries${timeline}`);

    const logins = log.filter(isLogin);
    const renewals = log.filter(isRenew);
    const authEvents = log.filter((r) => isLogin(r) || isRenew(r));
    // Two max-TTL boundaries, each session renewed more than once.
    assert.ok(logins.length >= 3, `fewer than two re-logins across the max-TTL boundaries${timeline}`);
    assert.ok(renewals.length >= 4, `fewer than four renewals${timeline}`);

    // Renewals happen before each expiry: no token lives on unreplaced past its lifetime.
    for (let i = 1; i <= authEvents.length; i++) {
      const from = authEvents[i - 1].at;
      const to = i < authEvents.length ? authEvents[i].at : end;
      assert.ok(to - from < TTL * 1000, `a token was not replaced within its ${TTL} s lifetime (${from - t0} → ${to - t0} ms)${timeline}`);
    }
    // ...and no more: a token is not renewed or replaced needlessly early (the margin is a fifth
    // of the lifetime plus a second).
    for (let i = 1; i < authEvents.length; i++) {
      const age = authEvents[i].at - authEvents[i - 1].at;
      assert.ok(age >= (TTL / 2) * 1000, `a token was replaced only ${age} ms after it was issued${timeline}`);
    }
    // A re-login happens only near the max TTL: when a renewal would have carried the token
    // past it (login + 350 s), that is, once the session is more than 250 s old.
    let sessionStart = logins[0].at;
    for (const l of logins.slice(1)) {
      const age = l.at - sessionStart;
      assert.ok(
        age > (MAX_TTL - TTL) * 1000,
        `re-login only ${age} ms after the previous login: a renewal would still have been accepted${timeline}`,
      );
      assert.ok(age <= MAX_TTL * 1000, `re-login ${age} ms after the previous login, past the max TTL${timeline}`);
      sessionStart = l.at;
    }

    // Re-logins carry no Authorization header and the same credentials; renewals renew the
    // token they carry.
    const loginRequests = server.requests.filter((r) => r.path === UA_LOGIN);
    assert.equal(loginRequests.length, logins.length);
    for (const r of loginRequests.slice(1)) {
      assert.equal(r.headers.authorization, undefined, 'a re-login request carried an Authorization header');
      assert.deepEqual(r.json, login);
    }
    for (const r of server.requests.filter((q) => q.path === RENEW)) {
      assert.equal(r.headers.authorization, `Bearer ${r.json.accessToken}`);
    }
  });

  test('50 concurrent calls at the renew point make exactly one renewal; getAccessToken() returns the renewed token', async () => {
    const { login } = identity(100, 100000);
    for (let i = 0; i < 50; i++) server.setSecret(PROJECT_ID, 'dev', '/', `S_${i}`, `value-${i}`);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    const t0 = serverNow();
    await sdk.auth().universalAuth.login(login);
    const first = sdk.auth().getAccessToken();
    const authBefore = sdk.auth();
    // 85 s into its 100 s life the token is inside the renewal margin (a fifth of the lifetime,
    // plus the second JWTs round off) but still valid.
    advance(sdk, 85);
    const mark = responses.length;

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => read(sdk, `S_${i}`)));
    results.forEach((r, i) => assert.equal(r.secretValue, `value-${i}`));

    const log = responses.slice(mark);
    const timeline = `\n${describeLog(log, t0)}`;
    const renewals = log.filter(isRenew);
    assert.equal(renewals.length, 1, `exactly one renewal${timeline}`);
    assert.equal(renewals[0].token, first, 'the renewal carried the token it renews');
    assert.equal(log.filter(isLogin).length, 0, `no login${timeline}`);
    const reads = log.filter(isRead);
    assert.equal(reads.length, 50);
    assert.ok(reads.every((r) => r.status === 200), timeline);
    assert.ok(log.indexOf(renewals[0]) < log.indexOf(reads[0]), 'the renewal came before the reads');
    const renewed = reads[0].token;
    assert.notEqual(renewed, first);
    assert.ok(reads.every((r) => r.token === renewed), 'every call used the renewed token');
    assert.equal(sdk.auth().getAccessToken(), renewed, 'getAccessToken() returns the renewed token');
    assert.equal(authBefore.getAccessToken(), renewed, 'an auth() object taken before the renewal is still current');
    // The renewed token is the same token row (a renewal, not a login).
    assert.equal(claims(renewed).identityAccessTokenId, claims(first).identityAccessTokenId);
  });

  test('a token without expiry (expiresIn 0) and without max TTL is never renewed', async () => {
    const { login } = identity(0, 0);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login(login);
    for (let i = 0; i < 5; i++) await read(sdk);
    assert.equal(responses.filter(isRenew).length, 0);
    assert.equal(responses.filter(isLogin).length, 1);
  });

  test('token lifetimes beyond any clock from the login response do not break the login', async () => {
    for (const times of [
      { expiresIn: 1e20, accessTokenMaxTTL: 1e20 },
      { expiresIn: 1e19, accessTokenMaxTTL: 1e19 },
      { expiresIn: 7200, accessTokenMaxTTL: 1e18 },
    ]) {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      server.injectFault(
        { status: 200, body: { accessToken: server.issueToken(), ...times, tokenType: 'Bearer' } },
        { match: { method: 'POST', path: UA_LOGIN } },
      );
      await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
      assert.equal((await read(sdk)).secretValue, 'postgres://one', JSON.stringify(times));
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('a token refused by the server', () => {
  for (const [how, status] of [
    ['expireToken', 403],
    ['revokeToken', 401],
  ]) {
    test(`after ${how}, the next call logs in again once and succeeds`, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
      const old = sdk.auth().getAccessToken();
      server[how](old);
      const mark = responses.length;
      const requestMark = server.requests.length;

      assert.equal((await read(sdk)).secretValue, 'postgres://one');

      const log = responses.slice(mark);
      const fresh = sdk.auth().getAccessToken();
      assert.notEqual(fresh, old);
      assert.deepEqual(
        log.map((r) => [r.method, r.path, r.status, r.token === old ? 'old' : r.token === fresh ? 'new' : r.token]),
        [
          ['GET', `${SECRETS}/DB_URL`, status, 'old'],
          ['POST', UA_LOGIN, 200, null],
          ['GET', `${SECRETS}/DB_URL`, 200, 'new'],
        ],
      );
      const relogin = server.requests.slice(requestMark).find((r) => r.path === UA_LOGIN);
      assert.deepEqual(relogin.json, { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
      // Back to normal: one request per call.
      const again = responses.length;
      await read(sdk);
      assert.equal(responses.length - again, 1);
    });

    test(`with autoTokenRefresh: false, a call after ${how} fails with the ${status} (official behaviour)`, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url, autoTokenRefresh: false });
      await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
      const old = sdk.auth().getAccessToken();
      server[how](old);
      const mark = responses.length;
      const error = await rejection(read(sdk));
      assert.equal(error.name, 'InfisicalSDKRequestError');
      assert.match(error.message, new RegExp(`\\[StatusCode=${status}\\]`));
      assert.match(error.message, status === 403 ? /Your token has expired/ : /No identity access token found/);
      assert.deepEqual(
        responses.slice(mark).map((r) => [r.method, r.status]),
        [['GET', status]],
      );
      assert.equal(sdk.auth().getAccessToken(), old);
    });
  }

  test('50 concurrent calls meeting an expired token cause exactly one re-login', async () => {
    for (let i = 0; i < 50; i++) server.setSecret(PROJECT_ID, 'dev', '/', `S_${i}`, `value-${i}`);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    server.expireToken(sdk.auth().getAccessToken());
    const mark = responses.length;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => read(sdk, `S_${i}`)));
    results.forEach((r, i) => assert.equal(r.secretValue, `value-${i}`));
    const log = responses.slice(mark);
    assert.equal(log.filter(isLogin).length, 1, 'one re-login for the whole burst');
    assert.ok(log.filter(isRead).length <= 100, 'each call retried at most once');
    assert.equal(log.filter((r) => isRead(r) && r.status === 200).length, 50);
  });

  test('a re-login that fails reports the original refusal, and the next call tries again', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    server.expireToken(sdk.auth().getAccessToken());
    server.injectFault(
      { status: 401, body: { statusCode: 401, message: 'Invalid credentials', error: 'UnauthorizedError' } },
      { match: { method: 'POST', path: UA_LOGIN } },
    );
    const error = await rejection(read(sdk));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.match(error.message, /\[StatusCode=403\]/);
    assert.equal((await read(sdk)).secretValue, 'postgres://one');
  });

  test('"Token missing" and permission errors do not trigger a login', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    for (const [status, message] of [
      [403, 'You are not allowed to read secrets'],
      [401, 'Token missing'],
    ]) {
      server.injectFault({ status, body: { statusCode: status, message, error: 'x' } }, { match: { method: 'GET' } });
      const error = await rejection(read(sdk));
      assert.match(error.message, new RegExp(message));
    }
    assert.equal(responses.filter(isLogin).length, 1);
  });

  test('AWS IAM: a refused token is obtained again with an AWS IAM login, without Authorization', async () => {
    const awsIdentityId = '00000000-0000-0000-0000-00000000cccc';
    server.addAwsIdentity({ identityId: awsIdentityId });
    const env = {
      PATH: process.env.PATH,
      HOME: path.join(__dirname, 'does-not-exist'),
      AWS_CONFIG_FILE: path.join(__dirname, 'does-not-exist', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'does-not-exist', 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      INFISICAL_SDK_RETRY_BASE_DELAY_MS: '5',
      LIFECYCLE_CHILD: JSON.stringify({ mode: 'aws', siteUrl: server.url, identityId: awsIdentityId, projectId: PROJECT_ID }),
    };
    const child = fork(CHILD, [], { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const next = () =>
      new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
      });
    const { token } = await next();
    server.expireToken(token);
    child.send('go');
    const outcome = await next();
    await exited;
    assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
    assert.equal(outcome.value, 'postgres://one');
    assert.notEqual(outcome.token, token);
    const awsLogins = server.requests.filter((r) => r.path === AWS_LOGIN);
    assert.equal(awsLogins.length, 2);
    assert.equal(awsLogins[1].headers.authorization, undefined);
    assert.equal(awsLogins[1].json.identityId, awsIdentityId);
    assert.equal(server.requests.filter((r) => r.path === UA_LOGIN).length, 0);
    assert.equal(claims(outcome.token).identityId, awsIdentityId);
  });
});

// ---------------------------------------------------------------------------------------------
describe('tokens the lifecycle leaves alone', () => {
  test('a token set by accessToken() and a login with autoTokenRefresh: false are never renewed, and fail once expired', async () => {
    const { login, identityId } = identity(100, 6000);
    const byHand = new InfisicalSDK({ siteUrl: server.url });
    byHand.auth().accessToken(server.issueToken(identityId));
    const noRefresh = new InfisicalSDK({ siteUrl: server.url, autoTokenRefresh: false });
    await noRefresh.auth().universalAuth.login(login);
    const tokens = [byHand.auth().getAccessToken(), noRefresh.auth().getAccessToken()];

    // A call from each every 20 s for 260 s: both 100 s tokens expire on the way.
    const outcomes = { byHand: [], noRefresh: [] };
    for (let elapsed = 0; elapsed < 260; elapsed += 20) {
      for (const [name, sdk] of [
        ['byHand', byHand],
        ['noRefresh', noRefresh],
      ]) {
        try {
          await read(sdk);
          outcomes[name].push('ok');
        } catch (error) {
          outcomes[name].push(/\[StatusCode=403\].*Your token has expired/.test(error.message) ? '403' : error.message);
        }
      }
      advance([byHand, noRefresh], 20);
    }
    for (const [name, list] of Object.entries(outcomes)) {
      const firstFailure = list.indexOf('403');
      assert.ok(firstFailure > 0, `${name}: ${list}`);
      assert.ok(list.slice(0, firstFailure).every((o) => o === 'ok'), `${name}: ${list}`);
      assert.ok(list.slice(firstFailure).every((o) => o === '403'), `${name}: ${list}`);
    }
    assert.equal(responses.filter(isRenew).length, 0, 'no renewal');
    assert.equal(responses.filter(isLogin).length, 1, 'no login but the one made by hand');
    assert.deepEqual([byHand.auth().getAccessToken(), noRefresh.auth().getAccessToken()], tokens);
  });

  test('accessToken() after a login turns the lifecycle off for that token', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    const manual = server.issueToken();
    sdk.auth().accessToken(manual);
    server.expireToken(manual);
    const error = await rejection(read(sdk));
    assert.match(error.message, /\[StatusCode=403\]/);
    assert.equal(responses.filter(isLogin).length, 1);
    assert.equal(sdk.auth().getAccessToken(), manual);
  });

  test('a token set by accessToken() while an automatic re-login is under way stays in use', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    server.expireToken(sdk.auth().getAccessToken());
    server.injectFault({ type: 'delay', ms: 400 }, { match: { method: 'POST', path: UA_LOGIN } });
    const requestMark = server.requests.length;
    const pending = read(sdk).catch(() => {}); // meets the expired token: re-login (slow)
    await untilRequest(UA_LOGIN, requestMark, pending);
    const manual = server.issueToken();
    sdk.auth().accessToken(manual);
    await pending;
    assert.equal(sdk.auth().getAccessToken(), manual, 'the automatic re-login replaced the token the user set');
    const mark = responses.length;
    await read(sdk);
    assert.deepEqual(
      responses.slice(mark).map((r) => r.token === manual),
      [true],
      'the next call did not use the token the user set',
    );
  });

  test('a user login while an automatic re-login of another identity is under way wins', async () => {
    const other = identity(7200, 2592000);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    // The server answers the next read as if the token had expired (the token itself stays
    // valid, so the user's own login, which carries it as the official SDK does, is accepted).
    server.injectFault(
      { status: 403, body: { statusCode: 403, message: 'Your token has expired. Please re-authenticate.', error: 'TokenError' } },
      { match: { method: 'GET' } },
    );
    server.injectFault(
      { type: 'delay', ms: 400 },
      { match: (r) => r.path === UA_LOGIN && r.json && r.json.clientId === DEFAULTS.clientId },
    );
    const mark = server.requests.length;
    const pending = read(sdk).catch(() => {}); // refused: automatic re-login (slow)
    await untilRequest(UA_LOGIN, mark, pending);
    await sdk.auth().universalAuth.login(other.login);
    await pending;
    assert.equal(
      claims(sdk.auth().getAccessToken()).identityId,
      other.identityId,
      'the automatic re-login of the previous identity replaced the login the user made',
    );
  });

  test('a token set by accessToken() while an automatic renewal is under way stays in use', async () => {
    const { login } = identity(100, 100000);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().universalAuth.login(login);
    advance(sdk, 85); // inside the renewal margin, still valid
    server.injectFault({ type: 'delay', ms: 200 }, { match: { method: 'POST', path: RENEW } });
    const mark = server.requests.length;
    const pending = read(sdk).catch(() => {}); // at the renew point: renewal (slow)
    await untilRequest(RENEW, mark, pending);
    const manual = server.issueToken();
    sdk.auth().accessToken(manual);
    await pending;
    assert.deepEqual(responses.filter(isRenew).map((r) => r.status), [200], 'the renewal happened and succeeded');
    assert.equal(sdk.auth().getAccessToken(), manual, 'the automatic renewal replaced the token the user set');
  });
});

// ---------------------------------------------------------------------------------------------
describe('no timer keeps the process alive', () => {
  for (const cache of [undefined, { ttlSeconds: 60, staleIfErrorSeconds: 60 }]) {
    test(`a process with an active session exits promptly after its last call${cache ? ' (cache on)' : ''}`, async () => {
      const { login } = identity(2, 5);
      const env = {
        ...process.env,
        LIFECYCLE_CHILD: JSON.stringify({ mode: 'exit', siteUrl: server.url, projectId: PROJECT_ID, cache, ...login }),
      };
      const child = spawn(process.execPath, [CHILD], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let doneAt = null;
      child.stdout.on('data', (c) => {
        stdout += c;
        if (doneAt === null && /\ndone \d+\n/.test(stdout)) doneAt = Date.now();
      });
      child.stderr.on('data', (c) => (stderr += c));
      const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(signal || c)));
      const exitedAt = Date.now();
      clearTimeout(killer);
      assert.equal(code, 0, `child: ${stdout}\n${stderr}`);
      assert.match(stdout, /value postgres:\/\/one/);
      assert.ok(doneAt !== null, stdout);
      assert.ok(exitedAt - doneAt < 1000, `the process lived on ${exitedAt - doneAt} ms after its last call`);
    });
  }
});
