'use strict';
// The official README quickstart, run against any Infisical-compatible server
// with this package (the native drop-in for @infisical/sdk).
// Prints secret KEYS and counts only: never values or tokens.

const { InfisicalSDK } = require('..');

async function quickstart({ siteUrl, clientId, clientSecret, projectId, environment = 'dev', log = console.log }) {
  const client = new InfisicalSDK({ siteUrl });

  // Authenticate with Infisical (universal auth)
  await client.auth().universalAuth.login({ clientId, clientSecret });
  log('logged in with universal auth');

  // List the secrets of an environment
  const allSecrets = await client.secrets().listSecrets({ environment, projectId });
  log(`listSecrets(${environment}): ${allSecrets.secrets.length} secrets: ${allSecrets.secrets.map((s) => s.secretKey).join(', ')}`);

  // Get one secret
  const dbUrl = await client.secrets().getSecret({ environment, projectId, secretName: 'DATABASE_URL' });
  log(`getSecret: ${dbUrl.secretKey} (version ${dbUrl.version}, ${dbUrl.secretValue.length} characters)`);

  // Create, update, delete
  const created = await client.secrets().createSecret('DEMO_SECRET', {
    environment,
    projectId,
    secretValue: 'demo-value',
    secretComment: 'created by demo/quickstart.js',
  });
  log(`createSecret: ${created.secret.secretKey} (version ${created.secret.version})`);

  const updated = await client.secrets().updateSecret('DEMO_SECRET', {
    environment,
    projectId,
    secretValue: 'demo-value-2',
  });
  log(`updateSecret: ${updated.secret.secretKey} (version ${updated.secret.version})`);

  const deleted = await client.secrets().deleteSecret('DEMO_SECRET', { environment, projectId });
  log(`deleteSecret: ${deleted.secret.secretKey}`);

  const after = await client.secrets().listSecrets({ environment, projectId });
  log(`listSecrets(${environment}) after the round trip: ${after.secrets.length} secrets`);
  return { before: allSecrets.secrets.length, after: after.secrets.length };
}

module.exports = { quickstart };
