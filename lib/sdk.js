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
const { InfisicalSDKError } = require('./errors')

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

  /** @param {{ siteUrl?: string }} [options] */
  constructor(options) {
    const siteUrl = options == null ? undefined : options.siteUrl
    if (siteUrl != null && typeof siteUrl !== 'string') {
      throw new InfisicalSDKError(`new InfisicalSDK(options): "siteUrl" must be a string, received ${typeof siteUrl}`)
    }
    const native = new NativeClient(siteUrl || null)
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
