'use strict'
// kms(): keys(), encryption() and signing() return new objects on every call,
// as in the official SDK. Each method unwraps the field the official one does
// (sign and verify resolve to the whole body).

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

/** A KMS method: calls `native[method]` and unwraps `field` (or returns the body). */
function kmsMethod(native, method, call, field) {
  return (options) =>
    guard(async () => {
      const body = parseObject(await native[method](encodeArgs([options])), call)
      return field ? unwrap(body, field, call) : body
    })
}

class KmsClient {
  constructor(native) {
    this.keys = () => ({
      create: kmsMethod(native, 'createKmsKey', 'kms().keys().create', 'key'),
      delete: kmsMethod(native, 'deleteKmsKey', 'kms().keys().delete', 'key'),
      getByName: kmsMethod(native, 'getKmsKeyByName', 'kms().keys().getByName', 'key'),
    })
    this.encryption = () => ({
      encrypt: kmsMethod(native, 'kmsEncrypt', 'kms().encryption().encrypt', 'ciphertext'),
      decrypt: kmsMethod(native, 'kmsDecrypt', 'kms().encryption().decrypt', 'plaintext'),
    })
    this.signing = () => ({
      sign: kmsMethod(native, 'kmsSign', 'kms().signing().sign'),
      verify: kmsMethod(native, 'kmsVerify', 'kms().signing().verify'),
      listSigningAlgorithms: kmsMethod(
        native,
        'kmsListSigningAlgorithms',
        'kms().signing().listSigningAlgorithms',
        'signingAlgorithms',
      ),
      getPublicKey: kmsMethod(native, 'kmsGetPublicKey', 'kms().signing().getPublicKey', 'publicKey'),
    })
  }
}

module.exports = { KmsClient }
