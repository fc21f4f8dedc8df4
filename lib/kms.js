'use strict'
// kms(): keys(), encryption() and signing() return new objects on every call,
// as in the official SDK. Each method unwraps the field the official one does
// (sign and verify resolve to the whole body).

const { apiMethod } = require('./call')

class KmsClient {
  constructor(native) {
    this.keys = () => ({
      create: apiMethod(native, 'createKmsKey', 'kms().keys().create', 'key'),
      delete: apiMethod(native, 'deleteKmsKey', 'kms().keys().delete', 'key'),
      getByName: apiMethod(native, 'getKmsKeyByName', 'kms().keys().getByName', 'key'),
    })
    this.encryption = () => ({
      encrypt: apiMethod(native, 'kmsEncrypt', 'kms().encryption().encrypt', 'ciphertext'),
      decrypt: apiMethod(native, 'kmsDecrypt', 'kms().encryption().decrypt', 'plaintext'),
    })
    this.signing = () => ({
      sign: apiMethod(native, 'kmsSign', 'kms().signing().sign'),
      verify: apiMethod(native, 'kmsVerify', 'kms().signing().verify'),
      listSigningAlgorithms: apiMethod(
        native,
        'kmsListSigningAlgorithms',
        'kms().signing().listSigningAlgorithms',
        'signingAlgorithms',
      ),
      getPublicKey: apiMethod(native, 'kmsGetPublicKey', 'kms().signing().getPublicKey', 'publicKey'),
    })
  }
}

module.exports = { KmsClient }
