'use strict'
// Cold path / exit latency, @infisical/sdk 5.0.2: require, construct, log in, then
// listSecrets (mode "cold") or 20 sequential getSecret (mode "exit"), and exit
// naturally. Prints "LAST <epoch ms>" (performance.timeOrigin + performance.now())
// when the last call resolves; the parent times the exit with the same clock.
const { InfisicalSDK } = require('../../node_modules/@infisical/sdk')
const { PROJECT_ID, CLIENT_ID, CLIENT_SECRET } = require('../fixtures')
const mode = process.argv[2] || 'cold'
;(async () => {
  const sdk = new InfisicalSDK({ siteUrl: process.env.BENCH_URL })
  await sdk.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
  let n
  if (mode === 'cold') {
    n = (await sdk.secrets().listSecrets({ projectId: PROJECT_ID, environment: 'dev' })).secrets.length
  } else {
    for (let i = 0; i < 20; i++) {
      await sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'SERVICE_00042_DATABASE_URL' })
    }
    n = 20
  }
  process.stdout.write(`LAST ${performance.timeOrigin + performance.now()} ${n}\n`)
})()
