'use strict'
// Pre-serialized responses of the benchmark server, shaped like the real
// Infisical server's (list route key order: secretRawSchema + list extension).
// Every secret is padded to SECRET_BYTES of JSON so that 10,000 of them make
// the ~6.8 MB list the issue measures.

const PROJECT_ID = '6a0f5c3e-8d41-4a7b-9c2e-1f3b5d7e9a10'
const CLIENT_ID = 'bench-client-id'
const CLIENT_SECRET = 'bench-client-secret'
const SECRET_BYTES = 680
const LIST_SIZES = [1, 100, 1000, 10000]

/** The environment slug that selects a list of `n` secrets ("dev" = 100). */
const envFor = (n) => (n === 100 ? 'dev' : `n${n}`)

function uuid(i, salt) {
  const h = (i * 2654435761 + salt * 40503) >>> 0
  const hex = h.toString(16).padStart(8, '0')
  const tail = (i + salt * 7919).toString(16).padStart(12, '0').slice(-12)
  return `${hex}-${(salt & 0xffff).toString(16).padStart(4, '0')}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${tail}`
}

// Deterministic "random" base62 text for secret values.
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
function noise(seed, len) {
  let x = (seed * 1103515245 + 12345) >>> 0
  let s = ''
  for (let k = 0; k < len; k++) {
    x = (x * 1664525 + 1013904223) >>> 0
    s += ALNUM[x % 62]
  }
  return s
}

function secretObject(i, environment, valueLen) {
  const id = uuid(i, 1)
  const key = `SERVICE_${String(i).padStart(5, '0')}_DATABASE_URL`
  const host = `db-${i % 16}.prod.internal.example.com`
  const prefix = `postgres://svc_${i}:`
  const suffix = `@${host}:5432/app?sslmode=require`
  return {
    id,
    _id: id,
    workspace: PROJECT_ID,
    environment,
    version: 1 + (i % 7),
    type: 'shared',
    secretKey: key,
    secretValue: prefix + noise(i, Math.max(8, valueLen - prefix.length - suffix.length)) + suffix,
    secretComment: 'Primary database of this service',
    secretReminderNote: null,
    secretReminderRepeatDays: null,
    skipMultilineEncoding: false,
    createdAt: '2025-03-14T09:26:53.589Z',
    updatedAt: '2025-10-02T17:45:11.102Z',
    isRotatedSecret: false,
    rotationId: null,
    secretPath: '/',
    secretValueHidden: false,
    secretMetadata: [],
    tags: [],
  }
}

/** A secret whose JSON is exactly SECRET_BYTES long (for ordinary i). */
function sizedSecret(i, environment) {
  let valueLen = 120
  let obj = secretObject(i, environment, valueLen)
  const delta = SECRET_BYTES - JSON.stringify(obj).length
  obj = secretObject(i, environment, valueLen + delta)
  return obj
}

function listBody(n) {
  const env = envFor(n)
  const secrets = new Array(n)
  for (let i = 0; i < n; i++) secrets[i] = sizedSecret(i + 1, env)
  return JSON.stringify({ secrets, imports: [] })
}

function getBody() {
  return JSON.stringify({ secret: sizedSecret(42, 'dev') })
}

// A JWT-shaped token of realistic length.
const ACCESS_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  Buffer.from(
    JSON.stringify({
      identityId: uuid(5, 5),
      clientSecretId: uuid(6, 6),
      identityAccessTokenId: uuid(8, 8),
      authTokenType: 'identityAccessToken',
      iat: 1764230400,
      exp: 1764237600,
    }),
  ).toString('base64url') +
  '.' +
  noise(99, 43)

function loginBody() {
  return JSON.stringify({ accessToken: ACCESS_TOKEN, expiresIn: 7200, accessTokenMaxTTL: 2592000, tokenType: 'Bearer' })
}

module.exports = {
  PROJECT_ID,
  CLIENT_ID,
  CLIENT_SECRET,
  SECRET_BYTES,
  LIST_SIZES,
  ACCESS_TOKEN,
  envFor,
  listBody,
  getBody,
  loginBody,
}
