'use strict';

// auth().kubernetesAuth.login: the service-account token (a file read at every login, or a
// string) sent to the test server, which checks it like a TokenReview (signature, expiry) plus the
// identity's allowed namespaces, names and audience.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { rejection } = require('./helpers/common');
const { serverAndSdk, sentTo, assertTokenUsed, reloginAfterRefusal, tempDir, withEnv } = require('./helpers/logins');

const ROUTE = '/api/v1/auth/kubernetes-auth/login';

let server;
let sdk;
let identityId;
let tmp;
let tokenFile;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
  identityId = server.addKubernetesIdentity({ allowedNamespaces: 'prod, staging', allowedNames: 'app', allowedAudience: 'infisical' }).identityId;
  tmp = tempDir('k8s-token-');
  tokenFile = path.join(tmp.dir, 'token');
});

afterEach(async () => {
  await server.close();
  tmp.remove();
});

const token = (overrides = {}) => server.kubernetesServiceAccountToken({ namespace: 'prod', name: 'app', audiences: ['infisical'], ...overrides });

test('logs in with the token file; the next call uses the token', async () => {
  const sa = token();
  fs.writeFileSync(tokenFile, `${sa}\n`);
  const result = await sdk.auth().kubernetesAuth.login({ identityId, serviceAccountTokenPath: tokenFile, organizationSlug: 'test-org' });
  assert.equal(result, sdk);
  assert.deepEqual(sentTo(server, ROUTE)[0].json, { identityId, jwt: sa, organizationSlug: 'test-org', subOrganizationName: 'test-org' });
  await assertTokenUsed(server, sdk);
});

test('a token given as a string is sent as is, without organization fields', async () => {
  const sa = token();
  await sdk.auth().kubernetesAuth.login({ identityId, serviceAccountToken: sa });
  assert.deepEqual(sentTo(server, ROUTE)[0].json, { identityId, jwt: sa });
  await assertTokenUsed(server, sdk);
});

test('a refused token brings a re-login that reads the rotated token file again', async () => {
  fs.writeFileSync(tokenFile, token());
  await sdk.auth().kubernetesAuth.login({ identityId, serviceAccountTokenPath: tokenFile });
  const rotated = token({ expiresIn: 7200 });
  fs.writeFileSync(tokenFile, rotated);
  const body = await reloginAfterRefusal(server, sdk, ROUTE);
  assert.equal(body.jwt, rotated);
});

test('a wrong token is the server refusal, unchanged', async () => {
  for (const [sa, message] of [
    [token({ namespace: 'dev' }), 'Access denied: K8s namespace not allowed.'],
    [token({ name: 'other' }), 'Access denied: K8s name not allowed.'],
    [token({ audiences: ['elsewhere'] }), 'Access denied: K8s audience not allowed.'],
    [token({ expiresIn: -10 }), '[invalid bearer token, token is expired (exp)]'],
  ]) {
    const error = await rejection(sdk.auth().kubernetesAuth.login({ identityId, serviceAccountToken: sa }));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=401] ${message}`);
  }
  assert.equal(sdk.auth().getAccessToken(), null);
});

test('an unreadable token file is a clear error and nothing is sent', async () => {
  const error = await rejection(sdk.auth().kubernetesAuth.login({ identityId, serviceAccountTokenPath: tokenFile }));
  assert.equal(error.name, 'InfisicalSDKError');
  assert.match(error.message, new RegExp(`^Could not read the Kubernetes service account token at ${tokenFile.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: `));
  assert.equal(server.requests.length, 0);
});

test('a re-login whose token file is gone reports the refusal and sends nothing', async () => {
  fs.writeFileSync(tokenFile, token());
  await sdk.auth().kubernetesAuth.login({ identityId, serviceAccountTokenPath: tokenFile });
  fs.rmSync(tokenFile);
  server.expireToken(sdk.auth().getAccessToken());
  const mark = server.requests.length;
  const error = await rejection(sdk.secrets().listSecrets({ projectId: server.project.id, environment: 'dev' }));
  assert.equal(error.name, 'InfisicalSDKRequestError');
  assert.match(error.message, /\[StatusCode=403\]/);
  assert.equal(sentTo(server, ROUTE, mark).length, 0);
});

test('identityId and the token path fall back to the environment (the Go SDK names)', async () => {
  fs.writeFileSync(tokenFile, token());
  await withEnv({ INFISICAL_KUBERNETES_IDENTITY_ID: identityId, INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH: tokenFile }, () =>
    sdk.auth().kubernetesAuth.login(),
  );
  assert.equal(sentTo(server, ROUTE)[0].json.identityId, identityId);
  await assertTokenUsed(server, sdk);
});

test('bad options are named', async () => {
  const cases = [
    [{ identityId, serviceAccountToken: 'a', serviceAccountTokenPath: 'b' }, /give either "serviceAccountToken" or "serviceAccountTokenPath", not both/],
    [{ identityId, serviceAccountTokenPath: 5 }, /Option "serviceAccountTokenPath" of auth\(\)\.kubernetesAuth\.login\(options\) must be a string, received number/],
    [{ serviceAccountToken: 'a' }, /Identity ID is required for Kubernetes authentication/],
    [{ identityId, serviceAccountToken: ' ' }, /Option "serviceAccountToken" of auth\(\)\.kubernetesAuth\.login\(options\) must be a non-empty string/],
  ];
  await withEnv({ INFISICAL_KUBERNETES_IDENTITY_ID: undefined, INFISICAL_MACHINE_IDENTITY_ID: undefined }, async () => {
    for (const [options, message] of cases) {
      const error = await rejection(sdk.auth().kubernetesAuth.login(options));
      assert.equal(error.name, 'InfisicalSDKError');
      assert.match(error.message, message);
    }
  });
  assert.equal(server.requests.length, 0);
});
