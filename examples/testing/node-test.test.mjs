// node --test examples/testing/node-test.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { InfisicalSDK } from 'infisical-sdk-native';
import { startInfisical } from 'infisical-sdk-native/testing';

// The code under test (in your app it lives in its own module): reads the app's config.
async function loadConfig({ siteUrl, clientId, clientSecret, projectId, environment }) {
  const sdk = new InfisicalSDK({ siteUrl });
  await sdk.auth().universalAuth.login({ clientId, clientSecret });
  const { secrets } = await sdk.secrets().listSecrets({ projectId, environment });
  return Object.fromEntries(secrets.map((s) => [s.secretKey, s.secretValue]));
}

let infisical;
let settings;

before(async () => {
  infisical = await startInfisical();
  settings = { siteUrl: infisical.url, clientId: infisical.clientId, clientSecret: infisical.clientSecret, projectId: infisical.projectId, environment: 'dev' };
});

beforeEach(() => {
  infisical.reset();
  infisical.seed({ secrets: { dev: { DB_HOST: 'db.internal', DATABASE_URL: 'postgres://${DB_HOST}:5432/app' } } });
});

after(() => infisical.close());

test('loadConfig reads the environment, with references expanded', async () => {
  const config = await loadConfig(settings);

  assert.deepEqual(config, { DB_HOST: 'db.internal', DATABASE_URL: 'postgres://db.internal:5432/app' });
  assert.deepEqual(
    infisical.requests.map((r) => `${r.method} ${r.path}`),
    ['POST /api/v1/auth/universal-auth/login', 'GET /api/v3/secrets/raw'],
  );
  assert.match(infisical.requests[1].query, /environment=dev/);
});

test('loadConfig fails clearly while Infisical is down', async () => {
  infisical.outage();
  await assert.rejects(loadConfig(settings), /503/);
  infisical.recover();
  assert.equal((await loadConfig(settings)).DB_HOST, 'db.internal');
});
