// ES module entry: the same names as the CommonJS one (no default export,
// like @infisical/sdk).
import sdk from './index.js'

export const {
  DynamicSecretProviders,
  EncryptionAlgorithm,
  InfisicalSDK,
  KeyUsage,
  SecretType,
  SigningAlgorithm,
  SqlProviders,
} = sdk
