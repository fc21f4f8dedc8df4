// npx jest examples/testing/jest.test.js
const { InfisicalSDK } = require('infisical-sdk-native');
const { startInfisical } = require('infisical-sdk-native/testing');

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

test('a 500 from one route reaches the caller', async () => {
  infisical.fail(500, { route: 'GET /api/v3/secrets/raw' });

  await expect(loadConfig(settings)).rejects.toThrow(/500/);
  expect(infisical.requests).toHaveLength(2);
});
