'use strict';

// auth().gcpIdTokenAuth.login (an ID token from the metadata server, a loopback fake here) and
// auth().gcpIamAuth.login (a JWT signed locally with a service-account key). The test server
// verifies both like Infisical: the ID token against Google's key, audience = identity id, issuer
// accounts.google.com; the IAM JWT against the key's public half (looked up by kid for sub),
// audience = identity id, expiry.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { rejection, closedPort } = require('./helpers/common');
const { startGcpMetadata, IDENTITY_PATH } = require('./helpers/gcp-metadata');
const { serverAndSdk, sentTo, assertTokenUsed, reloginAfterRefusal, tempDir, withEnv } = require('./helpers/logins');

const ROUTE = '/api/v1/auth/gcp-auth/login';
const EMAIL = 'app@test-project.iam.gserviceaccount.com';

let server;
let sdk;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
});

afterEach(async () => {
  await server.close();
});

const decode = (jwt) => {
  const [header, payload] = jwt.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
  return { header, payload };
};

describe('gcpIdTokenAuth', () => {
  let metadata;
  let identityId;
  let issued;
  beforeEach(async () => {
    identityId = server.addGcpIdentity({ type: 'gce', allowedServiceAccounts: EMAIL }).identityId;
    issued = [];
    metadata = await startGcpMetadata((audience) => {
      issued.push(server.googleIdToken({ audience, email: EMAIL }));
      return issued[issued.length - 1];
    });
  });
  afterEach(async () => {
    await metadata.close();
  });

  test('asks the metadata server for an ID token for the identity; the next call uses the Infisical token', async () => {
    assert.equal(await sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: metadata.url, organizationSlug: 'test-org' }), sdk);
    assert.deepEqual(metadata.requests.map((r) => [r.method, r.path, r.query, r.headers['metadata-flavor']]), [
      ['GET', IDENTITY_PATH, { audience: identityId, format: 'full' }, 'Google'],
    ]);
    assert.deepEqual(sentTo(server, ROUTE)[0].json, { identityId, jwt: issued[0], organizationSlug: 'test-org', subOrganizationName: 'test-org' });
    await assertTokenUsed(server, sdk);
    // The metadata server never sees an Infisical token.
    assert.ok(metadata.requests.every((r) => r.headers.authorization === undefined));
  });

  test('a refused token brings a re-login with a new ID token; the Infisical token never reaches the metadata server', async () => {
    await sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: metadata.url });
    await assertTokenUsed(server, sdk);
    const body = await reloginAfterRefusal(server, sdk, ROUTE);
    assert.equal(metadata.requests.length, 2);
    assert.equal(body.jwt, issued[1]);
    assert.ok(metadata.requests.every((r) => r.headers.authorization === undefined));
  });

  test('GCE_METADATA_HOST and INFISICAL_GCP_AUTH_IDENTITY_ID are the fallbacks', async () => {
    await withEnv({ GCE_METADATA_HOST: metadata.host, INFISICAL_GCP_AUTH_IDENTITY_ID: identityId }, () => sdk.auth().gcpIdTokenAuth.login());
    assert.equal(metadata.requests[0].query.audience, identityId);
    await assertTokenUsed(server, sdk);
  });

  test('a token for another audience or service account is the server refusal, unchanged', async () => {
    const other = server.addGcpIdentity({ type: 'gce', allowedServiceAccounts: 'someone-else@test-project.iam.gserviceaccount.com' }).identityId;
    let error = await rejection(sdk.auth().gcpIdTokenAuth.login({ identityId: other, metadataUrl: metadata.url }));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=403] Access denied: GCP service account not allowed.`);
    const wrongAudience = await startGcpMetadata(() => server.googleIdToken({ audience: 'something-else', email: EMAIL }));
    try {
      error = await rejection(sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: wrongAudience.url }));
      assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=401] Access denied: jwt audience invalid. expected: ${identityId}`);
    } finally {
      await wrongAudience.close();
    }
  });

  test('an unreachable or failing metadata server is a clear error and nothing is sent to Infisical', async () => {
    const port = await closedPort();
    let error = await rejection(sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: `http://127.0.0.1:${port}` }));
    assert.equal(error.name, 'InfisicalSDKError');
    assert.match(
      error.message,
      new RegExp(`^GCP metadata server not reachable at http://127\\.0\\.0\\.1:${port}${IDENTITY_PATH}\\?audience=${identityId}&format=full: .+`),
    );
    const failing = await startGcpMetadata(() => ({ status: 404, body: 'service account not found' }));
    try {
      error = await rejection(sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: failing.url }));
      assert.equal(error.message, `GCP metadata server at ${failing.url}${IDENTITY_PATH}?audience=${identityId}&format=full answered 404: service account not found`);
    } finally {
      await failing.close();
    }
    error = await rejection(sdk.auth().gcpIdTokenAuth.login({ identityId, metadataUrl: 'metadata.google.internal' }));
    assert.match(error.message, /^auth\(\)\.gcpIdTokenAuth\.login\(options\): the metadata server URL metadata\.google\.internal is not an http\(s\) URL$/);
    assert.equal(server.requests.length, 0);
  });
});

describe('gcpIamAuth', () => {
  let identityId;
  let key;
  let tmp;
  let keyFile;
  beforeEach(() => {
    identityId = server.addGcpIdentity({ type: 'iam', allowedServiceAccounts: EMAIL }).identityId;
    key = server.createGcpServiceAccountKey({ email: EMAIL });
    tmp = tempDir('gcp-key-');
    keyFile = path.join(tmp.dir, 'key.json');
    fs.writeFileSync(keyFile, JSON.stringify(key));
  });
  afterEach(() => tmp.remove());

  test('signs a JWT with the key file (kid, sub, aud, iat/exp); the next call uses the token', async () => {
    const before = Math.floor(Date.now() / 1000);
    assert.equal(await sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKeyFilePath: keyFile, organizationSlug: 'test-org' }), sdk);
    const sent = sentTo(server, ROUTE)[0].json;
    assert.deepEqual(Object.keys(sent).sort(), ['identityId', 'jwt', 'organizationSlug', 'subOrganizationName']);
    const { header, payload } = decode(sent.jwt);
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: key.private_key_id });
    assert.equal(payload.sub, EMAIL);
    assert.equal(payload.aud, identityId);
    assert.ok(payload.iat >= before - 1 && payload.exp > payload.iat, JSON.stringify(payload));
    await assertTokenUsed(server, sdk);
  });

  test('a key the server learns with addGcpServiceAccountKey is accepted', async () => {
    const { createJwtIssuer } = require('infisical-sdk-native/testing');
    const own = { ...key, private_key_id: 'my-own-kid', private_key: createJwtIssuer().privateKeyPem };
    await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: own }));
    server.addGcpServiceAccountKey(own);
    await sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: own });
    await assertTokenUsed(server, sdk);
  });

  test('the key may be given as the parsed object or its text', async () => {
    await sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: key });
    await assertTokenUsed(server, sdk);
    await sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: JSON.stringify(key) });
    await assertTokenUsed(server, sdk);
  });

  test('a refused token brings a re-login that reads the (rotated) key file again', async () => {
    await sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKeyFilePath: keyFile });
    const rotated = server.createGcpServiceAccountKey({ email: EMAIL });
    fs.writeFileSync(keyFile, JSON.stringify(rotated));
    const body = await reloginAfterRefusal(server, sdk, ROUTE);
    assert.equal(decode(body.jwt).header.kid, rotated.private_key_id);
  });

  test('a key Google does not publish, or another identity, is the server refusal, unchanged', async () => {
    const stranger = { ...server.createGcpServiceAccountKey({ email: EMAIL }), private_key_id: 'unknown-kid' };
    let error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: stranger }));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=401] Access denied: no public key unknown-kid for ${EMAIL}`);
    const otherKey = server.createGcpServiceAccountKey({ email: 'other@test-project.iam.gserviceaccount.com' });
    error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: otherKey }));
    assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=403] Access denied: GCP service account not allowed.`);
    // The right key with a wrong private half: the signature fails.
    const forged = { ...key, private_key: otherKey.private_key };
    error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: forged }));
    assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=401] Access denied: invalid signature`);
  });

  test('a missing or malformed key file is a clear error and nothing is sent', async () => {
    fs.rmSync(keyFile);
    let error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKeyFilePath: keyFile }));
    assert.equal(error.name, 'InfisicalSDKError');
    assert.ok(error.message.startsWith(`Could not read the GCP service-account key file ${keyFile}: `), error.message);
    fs.writeFileSync(keyFile, JSON.stringify({ ...key, private_key: 'not a key' }));
    error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKeyFilePath: keyFile }));
    assert.equal(error.message, `Invalid service-account key in the GCP service-account key file ${keyFile}: "private_key" is not a PEM PKCS#8 private key`);
    error = await rejection(sdk.auth().gcpIamAuth.login({ identityId, serviceAccountKey: 42 }));
    assert.equal(error.message, 'Option "serviceAccountKey" of auth().gcpIamAuth.login(options) must be an object (the key file\'s JSON) or its text');
    error = await withEnv({ INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH: undefined }, () => rejection(sdk.auth().gcpIamAuth.login({ identityId })));
    assert.match(error.message, /a service-account key is required: pass "serviceAccountKeyFilePath" or "serviceAccountKey", or set INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH/);
    assert.equal(server.requests.length, 0);
  });

  test('INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH and INFISICAL_GCP_AUTH_IDENTITY_ID are the fallbacks', async () => {
    await withEnv({ INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH: keyFile, INFISICAL_GCP_AUTH_IDENTITY_ID: identityId }, () =>
      sdk.auth().gcpIamAuth.login(),
    );
    await assertTokenUsed(server, sdk);
  });
});
