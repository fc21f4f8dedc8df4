// ES module entry: the same names as the CommonJS one (no default export,
// like @infisical/sdk). It imports the CommonJS entry through esm-bridge.cjs,
// statically (bundlers follow it), and rethrows a failed native load here, in
// ES module code, so that a dynamic import() can catch it.
import loaded from './esm-bridge.cjs'

if (loaded.error) throw loaded.error

export const {
  DynamicSecretProviders,
  EncryptionAlgorithm,
  InfisicalSDK,
  KeyUsage,
  SecretType,
  SigningAlgorithm,
  SqlProviders,
} = loaded.sdk
