'use strict';

// Child process for token-lifecycle.test.js. Config in env LIFECYCLE_CHILD (JSON):
//   { mode: 'exit', siteUrl, clientId, clientSecret, projectId, cache? }
//     logs in, reads a secret, prints "done <Date.now()>" and returns: the process must then exit
//     by itself (no timer or thread of the SDK may keep it alive).
//   { mode: 'aws', siteUrl, identityId, projectId }   (started with fork: IPC to the parent)
//     AWS IAM login, sends { token }, waits for 'go' (the parent expires the token meanwhile),
//     reads a secret, sends { value, token } or { error }, and disconnects.

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

async function main() {
  const cfg = JSON.parse(process.env.LIFECYCLE_CHILD);
  const { InfisicalSDK } = require(ROOT);
  const read = (sdk) => sdk.secrets().getSecret({ projectId: cfg.projectId, environment: 'dev', secretName: 'DB_URL' });

  if (cfg.mode === 'exit') {
    const sdk = new InfisicalSDK({ siteUrl: cfg.siteUrl, cache: cfg.cache });
    await sdk.auth().universalAuth.login({ clientId: cfg.clientId, clientSecret: cfg.clientSecret });
    const secret = await read(sdk);
    await read(sdk);
    process.stdout.write(`value ${secret.secretValue}\ndone ${Date.now()}\n`);
    return;
  }

  if (cfg.mode === 'aws') {
    const sdk = new InfisicalSDK({ siteUrl: cfg.siteUrl });
    await sdk.auth().awsIamAuth.login({ identityId: cfg.identityId });
    process.send({ token: sdk.auth().getAccessToken() });
    await new Promise((resolve) => process.once('message', resolve));
    try {
      const secret = await read(sdk);
      process.send({ value: secret.secretValue, token: sdk.auth().getAccessToken() });
    } catch (error) {
      process.send({ error: { name: error.name, message: error.message } });
    }
    process.disconnect();
    return;
  }

  throw new Error(`unknown mode ${cfg.mode}`);
}

main().catch((error) => {
  process.stderr.write(`child failed: ${error && error.stack}\n`);
  process.exitCode = 1;
  if (process.connected) process.disconnect();
});
