// npx vitest run examples/testing/vitest.test.mjs
import { test, expect, beforeAll, afterAll, beforeEach } from 'vitest';
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

beforeAll(async () => {
  infisical = await startInfisical();
  settings = { siteUrl: infisical.url, clientId: infisical.clientId, clientSecret: infisical.clientSecret, projectId: infisical.projectId, environment: 'dev' };
});

beforeEach(() => {
  infisical.reset();
  infisical.seed({ secrets: { dev: { DB_HOST: 'db.internal', DATABASE_URL: 'postgres://${DB_HOST}:5432/app' } } });
});

afterAll(() => infisical.close());

test('loadConfig reads the environment, with references expanded', async () => {
  const config = await loadConfig(settings);

  expect(config).toEqual({ DB_HOST: 'db.internal', DATABASE_URL: 'postgres://db.internal:5432/app' });
  expect(infisical.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /api/v1/auth/universal-auth/login',
    'GET /api/v3/secrets/raw',
  ]);
  expect(infisical.requests[1].query).toMatch(/environment=dev/);
});

test('after its access token expires, the SDK logs in again and retries', async () => {
  const sdk = new InfisicalSDK({ siteUrl: infisical.url });
  await sdk.auth().universalAuth.login({ clientId: infisical.clientId, clientSecret: infisical.clientSecret });
  infisical.advanceTime(2 * 60 * 60 * 1000); // tokens of the seeded identity live 2 hours

  const { secrets } = await sdk.secrets().listSecrets({ projectId: infisical.projectId, environment: 'dev' });
  expect(secrets).toHaveLength(2);
  expect(infisical.requests.map((r) => `${r.response.status} ${r.path}`)).toEqual([
    '200 /api/v1/auth/universal-auth/login',
    '403 /api/v3/secrets/raw', // "Your token has expired"
    '200 /api/v1/auth/universal-auth/login',
    '200 /api/v3/secrets/raw',
  ]);
});
