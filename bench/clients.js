'use strict'
// The clients under test, behind one small interface:
//   const c = await createClient(kind, { url, caPem, cache })
//   await c.getSecret()              one getSecret round trip (resolves to the secret object)
//   await c.listSecrets(environment) one listSecrets round trip (resolves to the parsed body / array)
//
// kinds:
//   ours          this package (require of the repo root; the native binary comes
//                 from NAPI_RS_NATIVE_LIBRARY_PATH, set by bench/run.js)
//   ours-cache    this package with the `cache` option (may not exist yet: see probe in child-warm.js)
//   official      @infisical/sdk 5.0.2 (undici fetch, keep-alive)
//   v2            @infisical/sdk 2.3.5 (installed as infisical-sdk-2), cacheTtl 0
//   v2-cache      @infisical/sdk 2.3.5 with cacheTtl 300
//   http          floor: bare node:http / node:https with a keep-alive Agent, JSON.parse
//   fetch         floor: bare global fetch, res.json()
//
// TLS trust: `ours` gets the CA through its `caCertificate` option (PEM text);
// official/fetch/http through NODE_EXTRA_CA_CERTS (set by the runner); v2
// through SSL_CERT_FILE (read by its rustls-native-certs; its `sslCertificatePath`
// option did not make it trust the CA here: "invalid peer certificate: UnknownIssuer").

const path = require('node:path')
const fx = require('./fixtures')

const ROOT = path.resolve(__dirname, '..')
const SECRET_NAME = 'SERVICE_00042_DATABASE_URL'

function getQuery(environment, secretName = SECRET_NAME) {
  return new URLSearchParams({
    secretName,
    workspaceId: fx.PROJECT_ID,
    environment,
    expandSecretReferences: 'true',
    type: 'shared',
  }).toString()
}

function listQuery(environment) {
  return new URLSearchParams({
    workspaceId: fx.PROJECT_ID,
    environment,
    expandSecretReferences: 'true',
    viewSecretValue: 'true',
  }).toString()
}

async function sdkClient(mod, cfg, extraOptions) {
  const { InfisicalSDK } = mod
  const options = { siteUrl: cfg.url, ...extraOptions }
  const sdk = new InfisicalSDK(options)
  await sdk.auth().universalAuth.login({ clientId: fx.CLIENT_ID, clientSecret: fx.CLIENT_SECRET })
  const secrets = sdk.secrets()
  const getOpts = { projectId: fx.PROJECT_ID, environment: 'dev', secretName: SECRET_NAME }
  return {
    // `name`: another secret (the bench server answers every name alike), for rows of distinct calls
    getSecret: (name) => secrets.getSecret(name ? { ...getOpts, secretName: name } : getOpts),
    listSecrets: (environment) => secrets.listSecrets({ projectId: fx.PROJECT_ID, environment }),
  }
}

async function v2Client(cfg, cacheTtl) {
  const { InfisicalClient } = require(require('./anchor').V2_DIR)
  const settings = {
    siteUrl: cfg.url,
    auth: { universalAuth: { clientId: fx.CLIENT_ID, clientSecret: fx.CLIENT_SECRET } },
    cacheTtl,
  }
  const client = new InfisicalClient(settings)
  const getOpts = { projectId: fx.PROJECT_ID, environment: 'dev', secretName: SECRET_NAME }
  const c = {
    getSecret: () => client.getSecret(getOpts),
    listSecrets: (environment) => client.listSecrets({ projectId: fx.PROJECT_ID, environment }),
  }
  await c.getSecret() // 2.3.5 logs in lazily, on its first command
  return c
}

async function httpClient(cfg) {
  const url = new URL(cfg.url)
  const mod = url.protocol === 'https:' ? require('node:https') : require('node:http')
  const agent = new mod.Agent({ keepAlive: true })
  const base = { agent, host: url.hostname, port: url.port }
  let auth = null
  const request = (method, reqPath, body) =>
    new Promise((resolve, reject) => {
      const headers = {}
      if (auth) headers.authorization = auth
      if (body !== undefined) {
        headers['content-type'] = 'application/json'
        headers['content-length'] = Buffer.byteLength(body)
      }
      const req = mod.request({ ...base, method, path: reqPath, headers }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString()
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`))
          else resolve(JSON.parse(text))
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  const login = await request(
    'POST',
    '/api/v1/auth/universal-auth/login',
    JSON.stringify({ clientId: fx.CLIENT_ID, clientSecret: fx.CLIENT_SECRET }),
  )
  auth = `Bearer ${login.accessToken}`
  return {
    getSecret: async (name = SECRET_NAME) =>
      (await request('GET', `/api/v3/secrets/raw/${encodeURIComponent(name)}?${getQuery('dev', name)}`)).secret,
    listSecrets: (environment) => request('GET', `/api/v3/secrets/raw?${listQuery(environment)}`),
  }
}

async function fetchClient(cfg) {
  const base = cfg.url.replace(/\/$/, '')
  const res = await fetch(`${base}/api/v1/auth/universal-auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: fx.CLIENT_ID, clientSecret: fx.CLIENT_SECRET }),
  })
  if (!res.ok) throw new Error(`login: HTTP ${res.status}`)
  const headers = { authorization: `Bearer ${(await res.json()).accessToken}` }
  const get = async (url) => {
    const r = await fetch(url, { headers })
    if (!r.ok) throw new Error(`HTTP ${r.status}`)
    return r.json()
  }
  return {
    getSecret: async (name = SECRET_NAME) =>
      (await get(`${base}/api/v3/secrets/raw/${encodeURIComponent(name)}?${getQuery('dev', name)}`)).secret,
    listSecrets: (environment) => get(`${base}/api/v3/secrets/raw?${listQuery(environment)}`),
  }
}

/** The cache option the lead is adding; bench/run.js probes whether it works. */
const CACHE_OPTION = { ttlSeconds: 300, maxEntries: 10000, staleIfErrorSeconds: 0 }

async function createClient(kind, cfg) {
  switch (kind) {
    case 'ours':
      return sdkClient(require(ROOT), cfg, cfg.caPem ? { caCertificate: cfg.caPem } : {})
    case 'ours-cache':
      return sdkClient(require(ROOT), cfg, { cache: CACHE_OPTION, ...(cfg.caPem ? { caCertificate: cfg.caPem } : {}) })
    case 'baseline': // another build of this package (bench/run.js --baseline)
      return sdkClient(require(process.env.BENCH_BASELINE_DIR), cfg, {})
    case 'official':
      return sdkClient(require(path.join(ROOT, 'node_modules/@infisical/sdk')), cfg, {})
    case 'v2':
      return v2Client(cfg, 0)
    case 'v2-cache':
      return v2Client(cfg, 300)
    case 'http':
      return httpClient(cfg)
    case 'fetch':
      return fetchClient(cfg)
    default:
      throw new Error(`unknown client kind ${kind}`)
  }
}

module.exports = { createClient, SECRET_NAME, ROOT, getQuery, listQuery }
