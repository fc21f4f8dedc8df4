'use strict'
// InfisicalSDK: the entry point, shaped like the official class. Area
// accessors are arrow-function properties, so they keep working detached.

const { NativeClient } = require('../binding.js')
const { AuthClient } = require('./auth')
const { SecretsClient } = require('./secrets')
const { DynamicSecretsClient } = require('./dynamic-secrets')
const { EnvironmentsClient } = require('./environments')
const { ProjectsClient } = require('./projects')
const { FoldersClient } = require('./folders')
const { KmsClient } = require('./kms')
const { InfisicalSDKError, toSdkError } = require('./errors')

/** `options[key]` when it is a string or absent; anything else is a clear error. */
function checkString(options, key) {
  const value = options == null ? undefined : options[key]
  if (value != null && typeof value !== 'string') {
    throw new InfisicalSDKError(`new InfisicalSDK(options): "${key}" must be a string, received ${typeof value}`)
  }
  return value
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
   * @param {{ siteUrl?: string, caCertificate?: string }} [options]
   *   siteUrl: defaults to https://app.infisical.com (an empty string too).
   *   caCertificate: PEM certificate(s) to trust besides the bundled roots.
   */
  constructor(options) {
    if (options != null && typeof options !== 'object') {
      throw new InfisicalSDKError(`new InfisicalSDK(options): "options" must be an object, received ${typeof options}`)
    }
    const siteUrl = checkString(options, 'siteUrl')
    const caCertificate = checkString(options, 'caCertificate')
    let native
    try {
      native = new NativeClient({ siteUrl: siteUrl || undefined, caCertificate: caCertificate ?? undefined })
    } catch (error) {
      throw toSdkError(error)
    }
    this.#native = native
    const authenticate = (token) => {
      native.setAccessToken(token)
      this.#auth = new AuthClient(native, authenticate, token)
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
}

module.exports = { InfisicalSDK }
