'use strict'
// auth(): logins and renewals resolve to the SDK instance, and each one
// replaces the AuthClient (as in the official SDK, an AuthClient taken earlier
// keeps answering getAccessToken() with the token it was created with).
// The token lives in closures, not properties, so util.inspect / JSON.stringify
// of the SDK never print it.

const { guard } = require('./call')
const { InfisicalSDKError } = require('./errors')

class AuthClient {
  /**
   * @param {object} native the NativeClient
   * @param {(token: string, alreadySet?: boolean) => object} authenticate adopts a token, returns the SDK
   * @param {string} [token] the token this AuthClient was created with
   * @param {number} [generation] the native auth generation at creation
   */
  constructor(native, authenticate, token, generation) {
    // While this is the current auth() object, the native core's token is the
    // live one (it may have been renewed automatically); afterwards, the token
    // it was created with, as in the official SDK.
    const liveToken = () => (generation === undefined ? null : native.tokenForGeneration(generation)) ?? token
    const renew = () =>
      guard(async () => authenticate(await native.renewAccessToken(liveToken() || null), true))

    this.awsIamAuth = {
      login: (options) =>
        guard(async () => authenticate(await native.awsIamAuthLogin(options), true)),
      renew,
    }
    this.universalAuth = {
      login: (options) =>
        guard(async () => authenticate(await native.universalAuthLogin(options), true)),
      renew,
    }
    /** The token this client holds, or null when not authenticated. */
    this.getAccessToken = () => liveToken() || null
    /** Sets the token by hand (without "Bearer"); returns the SDK. */
    this.accessToken = (newToken) => {
      if (typeof newToken !== 'string') {
        throw new InfisicalSDKError(
          `auth().accessToken(token): "token" must be a string, received ${newToken === null ? 'null' : typeof newToken}`,
        )
      }
      return authenticate(newToken)
    }
  }
}

module.exports = { AuthClient }
