'use strict'
// dynamicSecrets(): create/delete resolve to `dynamicSecret`; lease calls to
// the whole body. As in the official SDK, create/delete are prototype methods
// and leases.* are arrow functions.

const { guard } = require('./call')

/**
 * create/delete are prototype methods, as in the official SDK, so they fail
 * when detached; this keeps the official SDK's message for that case.
 */
function requireInstance(self) {
  if (self == null) throw new TypeError("Cannot read properties of undefined (reading 'apiClient')")
}

class DynamicSecretsClient {
  #native

  constructor(native) {
    this.#native = native
    this.leases = {
      create: (options) => native.createLease(options),
      delete: (leaseId, options) => native.deleteLease(leaseId, options),
      renew: (leaseId, options) => native.renewLease(leaseId, options),
    }
  }

  create(options) {
    return guard(async () => {
      requireInstance(this)
      return this.#native.createDynamicSecret(options)
    })
  }

  delete(dynamicSecretName, options) {
    return guard(async () => {
      requireInstance(this)
      return this.#native.deleteDynamicSecret(dynamicSecretName, options)
    })
  }
}

module.exports = { DynamicSecretsClient }
