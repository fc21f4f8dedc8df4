'use strict'
// CommonJS entry: the same names @infisical/sdk 5.0.2 exports.
const { InfisicalSDK } = require('./lib/sdk')
const enums = require('./lib/enums')

module.exports = {
  DynamicSecretProviders: enums.DynamicSecretProviders,
  EncryptionAlgorithm: enums.EncryptionAlgorithm,
  InfisicalSDK,
  KeyUsage: enums.KeyUsage,
  SecretType: enums.SecretType,
  SigningAlgorithm: enums.SigningAlgorithm,
  SqlProviders: enums.SqlProviders,
}
