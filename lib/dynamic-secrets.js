'use strict'
// dynamicSecrets(): create/delete resolve to `dynamicSecret`; lease calls to
// the whole body. As in the official SDK, create/delete are prototype methods
// and leases.* are arrow functions.

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

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
      create: (options) =>
        guard(async () =>
          parseObject(await native.createLease(encodeArgs([options])), 'dynamicSecrets().leases.create'),
        ),
      delete: (leaseId, options) =>
        guard(async () =>
          parseObject(await native.deleteLease(encodeArgs([leaseId, options])), 'dynamicSecrets().leases.delete'),
        ),
      renew: (leaseId, options) =>
        guard(async () =>
          parseObject(await native.renewLease(encodeArgs([leaseId, options])), 'dynamicSecrets().leases.renew'),
        ),
    }
  }

  create(options) {
    return guard(async () => {
      requireInstance(this)
      const call = 'dynamicSecrets().create'
      const body = parseObject(await this.#native.createDynamicSecret(encodeArgs([options])), call)
      return unwrap(body, 'dynamicSecret', call)
    })
  }

  delete(dynamicSecretName, options) {
    return guard(async () => {
      requireInstance(this)
      const call = 'dynamicSecrets().delete'
      const body = parseObject(await this.#native.deleteDynamicSecret(encodeArgs([dynamicSecretName, options])), call)
      return unwrap(body, 'dynamicSecret', call)
    })
  }
}

module.exports = { DynamicSecretsClient }
