'use strict'
// kms(): keys(), encryption() and signing() return new objects on every call,
// as in the official SDK. Each method unwraps the field the official one does
// (sign and verify resolve to the whole body).

const { apiMethod } = require('./call')

class KmsClient {
  constructor(native) {
    this.keys = () => ({
      create: apiMethod(native, 'createKmsKey'),
      delete: apiMethod(native, 'deleteKmsKey'),
      getByName: apiMethod(native, 'getKmsKeyByName'),
    })
    this.encryption = () => ({
      encrypt: apiMethod(native, 'kmsEncrypt'),
      decrypt: apiMethod(native, 'kmsDecrypt'),
    })
    this.signing = () => ({
      sign: apiMethod(native, 'kmsSign'),
      verify: apiMethod(native, 'kmsVerify'),
      listSigningAlgorithms: apiMethod(native, 'kmsListSigningAlgorithms'),
      getPublicKey: apiMethod(native, 'kmsGetPublicKey'),
    })
  }
}

module.exports = { KmsClient }
