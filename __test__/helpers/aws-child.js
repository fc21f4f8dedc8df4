'use strict';

// Child process for aws-iam.test.js: runs one AWS IAM login with the environment the parent
// gave it (so AWS variables never leak into the test process) and prints one JSON line.
//
// Config in env INFISICAL_AWS_CHILD: { side: 'official'|'ours', siteUrl, loginArg?, followUp?,
// renew?, projectId }.

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

const { describeError } = require('./common');

async function main() {
  const cfg = JSON.parse(process.env.INFISICAL_AWS_CHILD);
  delete process.env.INFISICAL_AWS_CHILD;
  const mod = cfg.side === 'official' ? require('@infisical/sdk') : require(ROOT);
  const sdk = new mod.InfisicalSDK({ siteUrl: cfg.siteUrl });
  const out = { tokens: [] };
  let p;
  try {
    p = 'loginArg' in cfg ? sdk.auth().awsIamAuth.login(cfg.loginArg) : sdk.auth().awsIamAuth.login();
  } catch (e) {
    out.outcome = { threwSynchronously: describeError(e) };
    return out;
  }
  try {
    const res = await p;
    out.outcome = { resolved: { same: res === sdk } };
  } catch (e) {
    out.outcome = { rejected: describeError(e) };
    return out;
  }
  out.tokens.push(sdk.auth().getAccessToken());
  if (cfg.renew) {
    const renewed = await sdk.auth().awsIamAuth.renew();
    out.renewSame = renewed === sdk;
    out.tokens.push(sdk.auth().getAccessToken());
  }
  if (cfg.followUp) {
    const list = await sdk.secrets().listSecrets({ projectId: cfg.projectId, environment: 'dev' });
    out.followUp = list.secrets.length;
  }
  return out;
}

main().then(
  (out) => {
    process.stdout.write(`${JSON.stringify(out)}\n`);
  },
  (e) => {
    process.stdout.write(`${JSON.stringify({ crashed: describeError(e), stack: e && e.stack })}\n`);
  },
);
