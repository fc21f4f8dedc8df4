'use strict'
// InfisicalSDK: the entry point, shaped like the official class. Area
// accessors are arrow-function properties, so they keep working detached.

const { NativeClient } = require('../binding.js')
const { AuthClient } = require('./auth')
const { SecretsClient } = require('./secrets')
const { InfisicalSDKError } = require('./errors')

class InfisicalSDK {
  // Private fields: nothing here (least of all a token) shows in
  // util.inspect(sdk), console.log(sdk) or JSON.stringify(sdk).
  #native
  #auth
  #secrets

  /** @param {{ siteUrl?: string }} [options] */
  constructor(options) {
    const siteUrl = options == null ? undefined : options.siteUrl
    if (siteUrl != null && typeof siteUrl !== 'string') {
      throw new InfisicalSDKError(`new InfisicalSDK(options): "siteUrl" must be a string, received ${typeof siteUrl}`)
    }
    this.#native = new NativeClient(siteUrl || null)
    const authenticate = (token) => {
      this.#native.setAccessToken(token)
      this.#auth = new AuthClient(this.#native, authenticate, token)
      return this
    }
    this.#auth = new AuthClient(this.#native, authenticate)
    this.#secrets = new SecretsClient(this.#native)
  }

  secrets = () => this.#secrets
  auth = () => this.#auth
}

module.exports = { InfisicalSDK }
