'use strict'
// Cold path / exit latency, @infisical/sdk 2.3.5 (see ours.js). It logs in
// lazily on its first command, which is its equivalent of the login step.
const { InfisicalClient } = require(require('../anchor').V2_DIR)
const { PROJECT_ID, CLIENT_ID, CLIENT_SECRET } = require('../fixtures')
const mode = process.argv[2] || 'cold'
;(async () => {
  const client = new InfisicalClient({
    siteUrl: process.env.BENCH_URL,
    auth: { universalAuth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } },
    cacheTtl: 0,
  })
  let n
  if (mode === 'cold') {
    n = (await client.listSecrets({ projectId: PROJECT_ID, environment: 'dev' })).length
  } else {
    for (let i = 0; i < 20; i++) {
      await client.getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'SERVICE_00042_DATABASE_URL' })
    }
    n = 20
  }
  process.stdout.write(`LAST ${performance.timeOrigin + performance.now()} ${n}\n`)
})()
