'use strict'
// Cold path / exit latency floor: bare node:http with a keep-alive Agent (see ours.js).
const http = require('node:http')
const { PROJECT_ID, CLIENT_ID, CLIENT_SECRET } = require('../fixtures')
const mode = process.argv[2] || 'cold'
const url = new URL(process.env.BENCH_URL)
const agent = new http.Agent({ keepAlive: true })
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
    })
    req.on('error', reject)
    req.end(body)
  })
}
;(async () => {
  const body = JSON.stringify({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
  const login = await request('POST', '/api/v1/auth/universal-auth/login', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body)
  const headers = { authorization: `Bearer ${login.accessToken}` }
  let n
  if (mode === 'cold') {
    const q = new URLSearchParams({ workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true', viewSecretValue: 'true' })
    n = (await request('GET', `/api/v3/secrets/raw?${q}`, headers)).secrets.length
  } else {
    const q = new URLSearchParams({ secretName: 'SERVICE_00042_DATABASE_URL', workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true', type: 'shared' })
    for (let i = 0; i < 20; i++) await request('GET', `/api/v3/secrets/raw/SERVICE_00042_DATABASE_URL?${q}`, headers)
    n = 20
  }
  process.stdout.write(`LAST ${performance.timeOrigin + performance.now()} ${n}\n`)
})()
