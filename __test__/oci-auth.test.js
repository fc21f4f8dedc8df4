'use strict';

// auth().ociAuth.login: the SDK signs OCI's GetUser request with the user's API key (OCI HTTP
// signature, rsa-sha256 over "date (request-target) host") without calling OCI, and sends the
// signed headers to /api/v1/auth/oci-auth/login. The test server recomputes the signing string
// and verifies the signature with the registered user's public key, like OCI does for the real
// server's replay. Nothing here reaches Oracle Cloud.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const { InfisicalSDK } = require('..');
const { rejection, withEnvCleared, sentTo } = require('./helpers/common');
const { seedSecret, readWithCurrentToken } = require('./helpers/cloud-login');

const LOGIN = '/api/v1/auth/oci-auth/login';
const REGION = 'us-ashburn-1';
const HOST = `identity.${REGION}.oraclecloud.com`;

let server;
beforeEach(async () => {
  server = await startServer({ log: false });
  seedSecret(server);
});
afterEach(() => server.close());

/** The login options for the seeded OCI user (its key made by the server). */
function ociOptions(overrides = {}) {
  const user = server.ociUser;
  return {
    identityId: DEFAULTS.ociIdentityId,
    userOcid: user.userOcid,
    tenancyOcid: user.tenancyOcid,
    fingerprint: user.fingerprint,
    privateKey: user.privateKey,
    region: REGION,
    ...overrides,
  };
}

/** Headers signed in the test with node:crypto, as an independent reference. */
function signWithNode({ userOcid, tenancyOcid, fingerprint, privateKey, date = new Date().toUTCString(), host = HOST }) {
  const signingString = `date: ${date}\n(request-target): get /20160918/users/${userOcid}\nhost: ${host}`;
  const signature = crypto.sign('sha256', Buffer.from(signingString), privateKey).toString('base64');
  return {
    authorization: `Signature version="1",keyId="${tenancyOcid}/${userOcid}/${fingerprint}",algorithm="rsa-sha256",headers="date (request-target) host",signature="${signature}"`,
    host,
    date,
  };
}

const post = (body) =>
  fetch(`${server.url}${LOGIN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => [
    r.status,
    (await r.json()).message,
  ]);

describe('the test server checks OCI signatures like OCI does', () => {
  test('a request signed with the user key logs in; wrong host, key, signature, date, tenancy and username are refused', async () => {
    const user = server.ociUser;
    const login = (headers, extra = {}) => post({ identityId: DEFAULTS.ociIdentityId, userOcid: user.userOcid, headers, ...extra });
    assert.equal((await login(signWithNode(user)))[0], 200);

    assert.deepEqual(await login(signWithNode({ ...user, host: `identity.${REGION}.oci.oraclecloud.com` })), [
      400,
      'Invalid OCI host format. Expected format: identity.<region>.oraclecloud.com',
    ]);
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const refused = /^OCI refused the signed GetUser request: /;
    const [status, message] = await login(signWithNode({ ...user, privateKey: other }));
    assert.equal(status, 401);
    assert.match(message, refused);
    assert.equal((await login(signWithNode({ ...user, fingerprint: '00:11' })))[0], 401);
    const stale = await login(signWithNode({ ...user, date: new Date(Date.now() - 10 * 60 * 1000).toUTCString() }));
    assert.deepEqual(stale, [401, 'OCI refused the signed GetUser request: Date header is out of the allowed clock skew (5 minutes)']);
    const tampered = { ...signWithNode(user), date: new Date(Date.now() + 1000).toUTCString() };
    assert.equal((await login(tampered))[0], 401, 'a header changed after signing');
    const missingDate = await post({ identityId: DEFAULTS.ociIdentityId, userOcid: user.userOcid, headers: { authorization: 'x', host: HOST } });
    assert.equal(missingDate[0], 422);

    const elsewhere = server.addOciIdentity({ tenancyOcid: 'ocid1.tenancy.oc1..other' });
    assert.deepEqual(await post({ identityId: elsewhere.identityId, userOcid: user.userOcid, headers: signWithNode(user) }), [
      401,
      "Access denied: OCI account isn't part of tenancy.",
    ]);
    const named = server.addOciIdentity({ allowedUsernames: 'alice, bob' });
    assert.deepEqual(await post({ identityId: named.identityId, userOcid: user.userOcid, headers: signWithNode(user) }), [
      401,
      'Access denied: OCI account username not allowed.',
    ]);
    assert.deepEqual(await login(signWithNode(user), { identityId: DEFAULTS.identityId }), [
      404,
      'OCI auth method not found for identity, did you configure OCI auth?',
    ]);
  });
});

describe('auth().ociAuth.login', () => {
  test('signs the GetUser request without calling OCI; the login token is used next', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    const before = Date.now();
    assert.equal(await sdk.auth().ociAuth.login(ociOptions()), sdk);
    const [login] = sentTo(server, LOGIN);
    assert.deepEqual(Object.keys(login.json).sort(), ['headers', 'identityId', 'userOcid']);
    assert.equal(login.json.userOcid, DEFAULTS.ociUserOcid);
    assert.deepEqual(Object.keys(login.json.headers).sort(), ['authorization', 'date', 'host']);
    const { authorization, host, date } = login.json.headers;
    assert.equal(host, HOST);
    assert.ok(Math.abs(Date.parse(date) - before) < 60 * 1000, `date ${date} is now`);
    // The same request signed by node:crypto gives the same header (PKCS#1 v1.5 is deterministic).
    assert.equal(authorization, signWithNode({ ...server.ociUser, date }).authorization);
    await readWithCurrentToken(server, sdk);
  });

  test('keys as PKCS#1, and as encrypted PKCS#8 with the passphrase', async () => {
    const key = crypto.createPrivateKey(server.ociUser.privateKey);
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().ociAuth.login(ociOptions({ privateKey: key.export({ type: 'pkcs1', format: 'pem' }) }));
    await readWithCurrentToken(server, sdk);
    const encrypted = key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' });
    await sdk.auth().ociAuth.login(ociOptions({ privateKey: encrypted, passphrase: 'correct horse' }));
    await readWithCurrentToken(server, sdk);
    assert.equal(sentTo(server, LOGIN).length, 2);

    server.clearRequests();
    const noPassphrase = await rejection(sdk.auth().ociAuth.login(ociOptions({ privateKey: encrypted })));
    assert.equal(noPassphrase.name, 'InfisicalSDKError');
    assert.match(noPassphrase.message, /options\.privateKey is encrypted; options\.passphrase is required/);
    const wrong = await rejection(sdk.auth().ociAuth.login(ociOptions({ privateKey: encrypted, passphrase: 'wrong' })));
    assert.match(wrong.message, /wrong options\.passphrase/);
    assert.ok(!wrong.message.includes('correct horse'));
    const garbage = await rejection(sdk.auth().ociAuth.login(ociOptions({ privateKey: 'not a key' })));
    assert.match(garbage.message, /^auth\(\)\.ociAuth\.login\(options\): options\.privateKey is not a PEM private key/);
    assert.deepEqual(server.requests, [], 'nothing sent to Infisical');
  });

  test("a wrong key: the server's refusal, unchanged", async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    const error = await rejection(sdk.auth().ociAuth.login(ociOptions({ privateKey: other })));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.match(error.message, /\[StatusCode=401\]/);
    assert.match(error.message, /OCI refused the signed GetUser request: The required information to complete authentication was not provided or was incorrect\./);
    assert.equal(sdk.auth().getAccessToken(), null);
  });

  test('a re-login after a refused token signs anew', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().ociAuth.login(ociOptions());
    const first = await readWithCurrentToken(server, sdk);
    // The signed date has a one-second resolution: let it change.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    server.expireToken(first);
    const second = await readWithCurrentToken(server, sdk);
    assert.notEqual(second, first);
    const logins = sentTo(server, LOGIN);
    assert.equal(logins.length, 2);
    assert.notEqual(logins[1].json.headers.date, logins[0].json.headers.date, 'a new date');
    assert.notEqual(logins[1].json.headers.authorization, logins[0].json.headers.authorization, 'a new signature');
    assert.equal(logins[1].headers.authorization, undefined, 'the re-login does not carry the refused token');
  });

  test('identityId falls back to INFISICAL_OCI_AUTH_IDENTITY_ID; bad options are clear errors and send nothing', async () => {
    await withEnvCleared({ INFISICAL_OCI_AUTH_IDENTITY_ID: DEFAULTS.ociIdentityId }, ['INFISICAL_OCI_AUTH_IDENTITY_ID', 'INFISICAL_MACHINE_IDENTITY_ID'], async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().ociAuth.login(ociOptions({ identityId: undefined }));
      assert.equal(sentTo(server, LOGIN)[0].json.identityId, DEFAULTS.ociIdentityId);
    });
    server.clearRequests();
    await withEnvCleared({}, ['INFISICAL_OCI_AUTH_IDENTITY_ID', 'INFISICAL_MACHINE_IDENTITY_ID'], async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const noId = await rejection(sdk.auth().ociAuth.login(ociOptions({ identityId: undefined })));
      assert.match(noId.message, /"identityId" option or set INFISICAL_OCI_AUTH_IDENTITY_ID or INFISICAL_MACHINE_IDENTITY_ID/);
      const missing = await rejection(sdk.auth().ociAuth.login(ociOptions({ privateKey: undefined })));
      assert.equal(missing.message, 'Missing required option "privateKey" in auth().ociAuth.login(options)');
      const region = await rejection(sdk.auth().ociAuth.login(ociOptions({ region: 'us ashburn' })));
      assert.match(region.message, /Option "region" of auth\(\)\.ociAuth\.login\(options\) must be a non-empty string/);
      const typed = await rejection(sdk.auth().ociAuth.login(ociOptions({ fingerprint: 7 })));
      assert.match(typed.message, /fingerprint/);
      const none = await rejection(sdk.auth().ociAuth.login());
      assert.match(none.message, /options/);
      assert.deepEqual(server.requests, []);
    });
  });
});
