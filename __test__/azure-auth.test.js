'use strict';

// auth().azureAuth.login: an Entra access token from the workload-identity exchange, the App
// Service identity endpoint or IMDS, sent to /api/v1/auth/azure-auth/login. Every token source
// is the loopback fake of helpers/azure-fake.js (never 169.254.169.254 or Entra); the test server
// verifies the tokens like the real server verifies Entra's (signature of the tenant's key,
// audience = configured resource, v1 issuer, expiry).

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, before, after, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const { InfisicalSDK } = require('..');
const { rejection, closedPort, withEnvCleared, sentTo } = require('./helpers/common');
const { startAzureFake } = require('./helpers/azure-fake');
const { seedSecret, readWithCurrentToken } = require('./helpers/cloud-login');

const LOGIN = '/api/v1/auth/azure-auth/login';
// Every variable that could pick a token source or an identity: the tests set their own.
const AZURE_VARS = ['AZURE_*', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'MSI_*', 'INFISICAL_AZURE_*', 'INFISICAL_MACHINE_IDENTITY_ID'];

let server;
let fake;
let dir;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infisical-azure-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startServer({ log: false });
  seedSecret(server);
});
afterEach(async () => {
  await server.close();
  if (fake) await fake.close();
  fake = undefined;
});

const post = (body) =>
  fetch(`${server.url}${LOGIN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));

describe('the test server checks Azure tokens like the real one', () => {
  test('a token of the tenant for the configured resource logs in', async () => {
    const { status, body } = await post({ identityId: DEFAULTS.azureIdentityId, jwt: server.signAzureToken() });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), ['accessToken', 'expiresIn', 'accessTokenMaxTTL', 'tokenType']);
  });

  test('wrong audience, other tenant, expiry, unknown identity and a refused service principal are refused', async () => {
    const refused = async (body) => {
      const r = await post(body);
      return [r.status, r.body.message];
    };
    const id = DEFAULTS.azureIdentityId;
    assert.deepEqual(await refused({ identityId: id, jwt: server.signAzureToken({ audience: 'api://other' }) }), [
      403,
      'jwt audience invalid. expected: https://management.azure.com',
    ]);
    assert.deepEqual(await refused({ identityId: id, jwt: server.signAzureToken({ tenantId: '00000000-0000-4000-8000-00000000beef' }) }), [
      401,
      'Invalid signing key',
    ]);
    assert.deepEqual(await refused({ identityId: id, jwt: server.signAzureToken({ expiresIn: -10 }) }), [
      403,
      'Your token has expired. Please re-authenticate.',
    ]);
    assert.deepEqual(await refused({ identityId: id, jwt: 'a.b' }), [
      403,
      'The provided access token is malformed. Please use a valid token or generate a new one and try again.',
    ]);
    assert.deepEqual(await refused({ identityId: DEFAULTS.identityId, jwt: server.signAzureToken() }), [
      404,
      'Azure auth method not found for identity, did you configure Azure Auth?',
    ]);
    const limited = server.addAzureIdentity({ allowedServicePrincipalIds: 'someone-else, another' });
    assert.deepEqual(await refused({ identityId: limited.identityId, jwt: server.signAzureToken() }), [
      401,
      `Service principal '${DEFAULTS.azureServicePrincipalId}' not allowed`,
    ]);
    // a token whose signature does not match its content
    const [h, p] = server.signAzureToken().split('.');
    const forged = `${h}.${p}.${server.signAzureToken({ audience: 'x' }).split('.')[2]}`;
    assert.deepEqual(await refused({ identityId: id, jwt: forged }), [403, 'invalid signature']);
  });
});

describe('auth().azureAuth.login', () => {
  test('IMDS (the default source): the token is fetched with Metadata: true and the login token is used next', async () => {
    fake = await startAzureFake(server);
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const resolved = await sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId });
      assert.equal(resolved, sdk, 'login resolves to the SDK');
      assert.equal(fake.requests.length, 1);
      const [imds] = fake.requests;
      assert.equal(imds.path, '/metadata/identity/oauth2/token');
      assert.equal(imds.headers.metadata, 'true');
      assert.deepEqual(imds.query, { 'api-version': '2018-02-01', resource: 'https://management.azure.com/' });
      assert.equal(imds.headers.authorization, undefined, 'the Infisical token never goes to the metadata service');
      const [login] = sentTo(server, LOGIN);
      assert.deepEqual(Object.keys(login.json).sort(), ['identityId', 'jwt']);
      assert.equal(login.json.identityId, DEFAULTS.azureIdentityId);
      const token = await readWithCurrentToken(server, sdk);
      assert.ok(token.length > 20);
    });
  });

  test('the imdsEndpoint option, resource and clientId (user-assigned identity) reach IMDS', async () => {
    fake = await startAzureFake(server);
    const custom = server.addAzureIdentity({ resource: 'api://infisical-app' });
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: 'http://127.0.0.1:9' }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().azureAuth.login({ identityId: custom.identityId, resource: 'api://infisical-app', clientId: 'user-assigned-1', imdsEndpoint: `${fake.url}/` });
      assert.deepEqual(fake.requests[0].query, { 'api-version': '2018-02-01', resource: 'api://infisical-app', client_id: 'user-assigned-1' });
      await readWithCurrentToken(server, sdk);
    });
  });

  test('App Service / Functions identity endpoint when IDENTITY_ENDPOINT and IDENTITY_HEADER are set', async () => {
    fake = await startAzureFake(server);
    const vars = { IDENTITY_ENDPOINT: `${fake.url}/msi/token`, IDENTITY_HEADER: fake.identityHeader, INFISICAL_AZURE_IMDS_ENDPOINT: 'http://127.0.0.1:9' };
    await withEnvCleared(vars, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId, clientId: 'cid' });
      assert.equal(fake.requests.length, 1);
      const [call] = fake.requests;
      assert.equal(call.path, '/msi/token');
      assert.equal(call.headers['x-identity-header'], fake.identityHeader);
      assert.deepEqual(call.query, { resource: 'https://management.azure.com/', 'api-version': '2019-08-01', client_id: 'cid' });
      await readWithCurrentToken(server, sdk);
    });
  });

  test('AKS workload identity: the federated token file is exchanged at Entra, and re-read for the re-login after a refused token', async () => {
    const tokenFile = path.join(dir, 'azure-identity-token');
    let current = 'federated-token-1';
    fs.writeFileSync(tokenFile, `${current}\n`);
    fake = await startAzureFake(server, { federatedToken: () => current });
    const vars = {
      AZURE_CLIENT_ID: 'workload-client',
      AZURE_TENANT_ID: 'tenant-1',
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
      AZURE_AUTHORITY_HOST: `${fake.url}/`,
      IDENTITY_ENDPOINT: `${fake.url}/msi/token`,
      IDENTITY_HEADER: fake.identityHeader,
    };
    await withEnvCleared(vars, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId });
      assert.equal(fake.requests.length, 1, 'workload identity comes first');
      const [exchange] = fake.requests;
      assert.equal(exchange.method, 'POST');
      assert.equal(exchange.path, '/tenant-1/oauth2/v2.0/token');
      assert.deepEqual(exchange.form, {
        client_id: 'workload-client',
        grant_type: 'client_credentials',
        scope: 'https://management.azure.com/.default',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'federated-token-1',
      });
      const first = await readWithCurrentToken(server, sdk);

      // Kubernetes rotated the projected token; the server refuses the Infisical token.
      current = 'federated-token-2';
      fs.writeFileSync(tokenFile, current);
      server.expireToken(first);
      const second = await readWithCurrentToken(server, sdk);
      assert.notEqual(second, first);
      assert.equal(fake.requests.length, 2);
      assert.equal(fake.requests[1].form.client_assertion, 'federated-token-2', 'the re-login read the file again');
      assert.equal(sentTo(server, LOGIN).length, 2);
    });
  });

  test('a re-login after a refused token fetches a fresh IMDS token', async () => {
    fake = await startAzureFake(server);
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId });
      const first = await readWithCurrentToken(server, sdk);
      server.revokeToken(first);
      const second = await readWithCurrentToken(server, sdk);
      assert.notEqual(second, first);
      assert.equal(fake.requests.length, 2, 'one IMDS call per login');
      const logins = sentTo(server, LOGIN);
      assert.equal(logins.length, 2);
      assert.equal(logins[1].headers.authorization, undefined, 'the re-login does not carry the refused token');
      assert.ok(fake.requests.every((r) => r.headers.authorization === undefined), 'no Infisical token ever reaches IMDS');
    });
  });

  test("a wrong credential: the server's refusal, unchanged", async () => {
    fake = await startAzureFake(server);
    const other = server.addAzureIdentity({ resource: 'api://expected-resource' });
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const error = await rejection(sdk.auth().azureAuth.login({ identityId: other.identityId }));
      assert.equal(error.name, 'InfisicalSDKRequestError');
      assert.match(error.message, /\[StatusCode=403\]/);
      assert.match(error.message, /jwt audience invalid\. expected: api:\/\/expected-resource/);
      assert.equal(sdk.auth().getAccessToken(), null);
    });
  });

  test('an unreachable IMDS: a clear error naming it, and nothing sent to Infisical', async () => {
    const port = await closedPort();
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: `http://127.0.0.1:${port}` }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const error = await rejection(sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId }));
      assert.equal(error.name, 'InfisicalSDKError');
      assert.match(error.message, new RegExp(`^Azure instance metadata service \\(IMDS\\) not reachable at http://127\\.0\\.0\\.1:${port}/metadata/identity/oauth2/token\\?`));
      assert.deepEqual(server.requests, [], 'nothing reached Infisical');
    });
  });

  test('a source that refuses: its explanation, and nothing sent to Infisical', async () => {
    fake = await startAzureFake(server);
    fake.refusal = { status: 400, body: { error: 'invalid_request', error_description: 'Identity not found' } };
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const error = await rejection(sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId }));
      assert.match(error.message, /^Azure instance metadata service \(IMDS\) at http:\/\/127\.0\.0\.1:\d+\/metadata\/identity\/oauth2\/token\?\S+ answered 400: .*Identity not found/);
      assert.deepEqual(server.requests, []);
    });
    const tokenFile = path.join(dir, 'unreadable');
    fs.writeFileSync(tokenFile, 'x');
    fake.refusal = null;
    const vars = { AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: 't', AZURE_FEDERATED_TOKEN_FILE: tokenFile, AZURE_AUTHORITY_HOST: fake.url };
    await withEnvCleared(vars, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const error = await rejection(sdk.auth().azureAuth.login({ identityId: DEFAULTS.azureIdentityId }));
      assert.match(error.message, /^Azure workload identity token endpoint \(Entra ID\) at http:\/\/127\.0\.0\.1:\d+\/t\/oauth2\/v2\.0\/token answered 401: .*AADSTS700211/);
      assert.deepEqual(server.requests, []);
    });
  });

  test('the identity id falls back to INFISICAL_AZURE_AUTH_IDENTITY_ID, and is required', async () => {
    fake = await startAzureFake(server);
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url, INFISICAL_AZURE_AUTH_IDENTITY_ID: DEFAULTS.azureIdentityId }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().azureAuth.login({});
      assert.equal(sentTo(server, LOGIN)[0].json.identityId, DEFAULTS.azureIdentityId);
    });
    await withEnvCleared({ INFISICAL_AZURE_IMDS_ENDPOINT: fake.url }, AZURE_VARS, async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const error = await rejection(sdk.auth().azureAuth.login({}));
      assert.equal(error.name, 'InfisicalSDKError');
      assert.match(error.message, /identityId/);
      assert.match(error.message, /INFISICAL_AZURE_AUTH_IDENTITY_ID/);
      const typed = await rejection(sdk.auth().azureAuth.login({ identityId: 42 }));
      assert.match(typed.message, /identityId/);
    });
  });
});
