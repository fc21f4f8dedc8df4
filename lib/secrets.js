'use strict'
// secrets(): requests are built and sent by the native core; this layer parses
// responses and does what only JavaScript can (process.env).

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

/**
 * attachToProcessEnv, as the official SDK does it: imported secrets whose key
 * is not yet present are appended to `res.secrets` itself, then every secret
 * is written to process.env (overwriting).
 */
function attachToProcessEnv(res) {
  const included = res.secrets
  if (!Array.isArray(included)) return
  if (Array.isArray(res.imports) && res.imports.length) {
    for (const imp of res.imports) {
      for (const importSecret of imp.secrets || []) {
        if (!included.find((s) => s.secretKey === importSecret.secretKey)) included.push(importSecret)
      }
    }
  }
  for (const secret of included) process.env[secret.secretKey] = secret.secretValue
}

/**
 * The response text of a cacheable read: synchronously from the native cache
 * when it holds a fresh answer (no thread hop), else through a request.
 */
async function cachedRead(native, cached, fetch, args) {
  const hit = cached ? native[cached](args) : null
  return hit ?? (await native[fetch](args))
}

class SecretsClient {
  /**
   * @param {object} native the NativeClient
   * @param {boolean} cacheEnabled whether the `cache` option is on
   */
  constructor(native, cacheEnabled) {
    const listCached = cacheEnabled ? 'listSecretsCached' : null
    const getCached = cacheEnabled ? 'getSecretCached' : null

    this.listSecrets = (options) =>
      guard(async () => {
        const text = await cachedRead(native, listCached, 'listSecrets', encodeArgs([options]))
        const res = parseObject(text, 'secrets().listSecrets')
        if (options.attachToProcessEnv) attachToProcessEnv(res)
        return res
      })

    this.listSecretsWithImports = (options) =>
      guard(async () => {
        const res = await this.listSecrets({ ...options, includeImports: true })
        const { imports, secrets } = res
        if (Array.isArray(imports) && Array.isArray(secrets)) {
          for (const imp of imports) {
            for (const imported of imp.secrets || []) {
              if (!secrets.find((s) => s.secretKey === imported.secretKey)) {
                const now = new Date().toISOString()
                secrets.push({ ...imported, secretPath: imp.secretPath, createdAt: now, updatedAt: now, tags: [] })
              }
            }
          }
        }
        return secrets
      })

    this.getSecret = (options) =>
      guard(async () => {
        const text = await cachedRead(native, getCached, 'getSecret', encodeArgs([options]))
        const body = parseObject(text, 'secrets().getSecret')
        return unwrap(body, 'secret', 'secrets().getSecret')
      })

    this.updateSecret = (secretName, options) =>
      guard(async () =>
        parseObject(await native.updateSecret(encodeArgs([secretName, options])), 'secrets().updateSecret'),
      )

    this.createSecret = (secretName, options) =>
      guard(async () =>
        parseObject(await native.createSecret(encodeArgs([secretName, options])), 'secrets().createSecret'),
      )

    this.deleteSecret = (secretName, options) =>
      guard(async () =>
        parseObject(await native.deleteSecret(encodeArgs([secretName, options])), 'secrets().deleteSecret'),
      )
  }
}

module.exports = { SecretsClient }
