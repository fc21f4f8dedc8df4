'use strict'
// secrets(): requests are built and sent, and responses parsed, by the native
// addon; this layer does what is left (process.env, imports).

const { guard } = require('./call')

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

class SecretsClient {
  /** @param {object} native the NativeClient */
  constructor(native) {
    this.listSecrets = (options) =>
      guard(async () => {
        const res = await native.listSecrets(options)
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

    this.getSecret = (options) => native.getSecret(options)
    this.updateSecret = (secretName, options) => native.updateSecret(secretName, options)
    this.createSecret = (secretName, options) => native.createSecret(secretName, options)
    this.deleteSecret = (secretName, options) => native.deleteSecret(secretName, options)
  }
}

module.exports = { SecretsClient }
