'use strict'
// CommonJS entry: the same names @infisical/sdk 5.0.2 exports, all made by
// the native addon (loader.js finds the binary for this platform).
const binding = require('./loader.js')

module.exports = {
  DynamicSecretProviders: binding.DynamicSecretProviders,
  EncryptionAlgorithm: binding.EncryptionAlgorithm,
  InfisicalSDK: binding.InfisicalSDK,
  KeyUsage: binding.KeyUsage,
  SecretType: binding.SecretType,
  SigningAlgorithm: binding.SigningAlgorithm,
  SqlProviders: binding.SqlProviders,
}
