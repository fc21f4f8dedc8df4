'use strict';

// Child of logins-jwt.test.js: logs in with a `jwt` function (kept by the SDK for re-logins),
// makes a call, closes its server and returns; the parent checks the process then exits by itself
// (the kept function must not hold the event loop open).

const path = require('node:path');
const { InfisicalSDK } = require(path.resolve(__dirname, '..', '..'));
const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');

(async () => {
  const server = await startServer({ log: false });
  server.setSecret(DEFAULTS.projectId, 'dev', '/', 'DB_URL', 'postgres://one');
  const identityId = server.addOidcIdentity({ boundIssuer: 'https://ci.example' }).identityId;
  const sdk = new InfisicalSDK({ siteUrl: server.url });
  await sdk.auth().oidcAuth.login({ identityId, jwt: async () => server.oidcToken({ iss: 'https://ci.example', sub: 's' }) });
  const secret = await sdk.secrets().getSecret({ projectId: DEFAULTS.projectId, environment: 'dev', secretName: 'DB_URL' });
  await server.close();
  process.stdout.write(`${secret.secretValue}\n`);
})();
