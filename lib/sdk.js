'use strict'
// InfisicalSDK: the entry point, shaped like the official class. Area
// accessors are arrow-function properties, so they keep working detached.

const { NativeClient } = require('./native')
const { AuthClient } = require('./auth')
const { SecretsClient } = require('./secrets')
const { DynamicSecretsClient } = require('./dynamic-secrets')
const { EnvironmentsClient } = require('./environments')
const { ProjectsClient } = require('./projects')
const { FoldersClient } = require('./folders')
const { KmsClient } = require('./kms')
const { InfisicalSDKError, toSdkError } = require('./errors')

/** `options[key]` when it has type `type` or is absent; anything else is a clear error. */
function checkOption(options, key, type) {
  const value = options == null ? undefined : options[key]
  if (value != null && typeof value !== type) {
    throw new InfisicalSDKError(`new InfisicalSDK(options): "${key}" must be ${type === 'object' ? 'an' : 'a'} ${type}, received ${typeof value}`)
  }
  return value ?? undefined
}

/** Cache defaults: 60 s fresh, 1,000 answers, 32 MiB, no stale serving. */
const CACHE_DEFAULTS = { ttlSeconds: 60, maxEntries: 1000, maxBytes: 32 * 1024 * 1024, staleIfErrorSeconds: 0 }

/** A millisecond knob of ours from process.env (test suites shorten waits), or undefined. */
function envMillis(name) {
  const text = process.env[name]
  return typeof text === 'string' && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined
}

/** The `cache` option, checked and completed with defaults (undefined when off). */
function cacheOptions(cache) {
  if (cache === undefined) return undefined
  const out = {}
  for (const [key, fallback] of Object.entries(CACHE_DEFAULTS)) {
    const value = cache[key] ?? fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InfisicalSDKError(`new InfisicalSDK(options): "cache.${key}" must be a non-negative number`)
    }
    out[key] = key === 'maxEntries' ? Math.min(Math.floor(value), 0xffffffff) : key === 'maxBytes' ? Math.floor(value) : value
  }
  return out
}

class InfisicalSDK {
  // Private fields: nothing here (least of all a token) shows in
  // util.inspect(sdk), console.log(sdk) or JSON.stringify(sdk).
  #native
  #auth
  #secrets
  #dynamicSecrets
  #environments
  #projects
  #folders
  #kms

  /**
   * @param {object} [options]
   * @param {string} [options.siteUrl] defaults to https://app.infisical.com (an empty string too)
   * @param {string} [options.caCertificate] PEM certificate(s) to trust besides the bundled roots
   * @param {{ ttlSeconds?: number, maxEntries?: number, maxBytes?: number, staleIfErrorSeconds?: number }} [options.cache]
   *   opt-in cache of getSecret/listSecrets answers (off when absent)
   * @param {boolean} [options.autoTokenRefresh] keep SDK-login tokens valid (default true)
   */
  constructor(options) {
    if (options != null && typeof options !== 'object') {
      throw new InfisicalSDKError(`new InfisicalSDK(options): "options" must be an object, received ${typeof options}`)
    }
    const siteUrl = checkOption(options, 'siteUrl', 'string')
    const caCertificate = checkOption(options, 'caCertificate', 'string')
    const autoTokenRefresh = checkOption(options, 'autoTokenRefresh', 'boolean')
    const cache = cacheOptions(checkOption(options, 'cache', 'object'))
    let native
    try {
      // The environment is read here, on the JS thread, from process.env
      // (a worker's own copy included); the native core never reads it.
      native = new NativeClient({
        siteUrl: siteUrl || undefined,
        caCertificate: caCertificate ?? undefined,
        cache,
        autoTokenRefresh: autoTokenRefresh ?? undefined,
        retryBaseDelayMs: envMillis('INFISICAL_SDK_RETRY_BASE_DELAY_MS'),
        requestTimeoutMs: envMillis('INFISICAL_SDK_REQUEST_TIMEOUT_MS'),
        extraCaCerts: process.env.NODE_EXTRA_CA_CERTS || undefined,
      })
    } catch (error) {
      throw toSdkError(error)
    }
    this.#native = native
    // Adopts a token the user obtained (login, renew) or set (accessToken).
    const authenticate = (token, alreadySet = false) => {
      if (!alreadySet) native.setAccessToken(token)
      this.#auth = new AuthClient(native, authenticate, token, native.authGeneration())
      return this
    }
    this.#auth = new AuthClient(native, authenticate)
    this.#secrets = new SecretsClient(native)
    this.#dynamicSecrets = new DynamicSecretsClient(native)
    this.#environments = new EnvironmentsClient(native)
    this.#projects = new ProjectsClient(native)
    this.#folders = new FoldersClient(native)
    this.#kms = new KmsClient(native)
  }

  secrets = () => this.#secrets
  environments = () => this.#environments
  projects = () => this.#projects
  folders = () => this.#folders
  dynamicSecrets = () => this.#dynamicSecrets
  auth = () => this.#auth
  kms = () => this.#kms
  /** Drops every answer of the `cache` option (a no-op without it). */
  clearCache = () => this.#native.clearCache()

  /** Test hooks, not part of the API: moves this client's clock forward. */
  get [Symbol.for('infisical-sdk-native.testing')]() {
    const native = this.#native
    return { advanceClock: (ms) => native.advanceClockForTesting(ms) }
  }
}

module.exports = { InfisicalSDK }
