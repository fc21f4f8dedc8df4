'use strict'
// Cold path / exit latency floor: a bare fetch script doing the same requests (see ours.js).
const { PROJECT_ID, CLIENT_ID, CLIENT_SECRET } = require('../fixtures')
const mode = process.argv[2] || 'cold'
const base = process.env.BENCH_URL
;(async () => {
  const login = await fetch(`${base}/api/v1/auth/universal-auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
  })
  const headers = { authorization: `Bearer ${(await login.json()).accessToken}` }
  let n
  if (mode === 'cold') {
    const q = new URLSearchParams({ workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true', viewSecretValue: 'true' })
    n = (await (await fetch(`${base}/api/v3/secrets/raw?${q}`, { headers })).json()).secrets.length
  } else {
    const q = new URLSearchParams({ secretName: 'SERVICE_00042_DATABASE_URL', workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true', type: 'shared' })
    for (let i = 0; i < 20; i++) {
      await (await fetch(`${base}/api/v3/secrets/raw/SERVICE_00042_DATABASE_URL?${q}`, { headers })).json()
    }
    n = 20
  }
  process.stdout.write(`LAST ${performance.timeOrigin + performance.now()} ${n}\n`)
})()
