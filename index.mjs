// ES module entry: the same names as the CommonJS one (no default export,
// like @infisical/sdk). The CommonJS entry is loaded through createRequire
// rather than a static import so that a failure to load the native binary is
// an ordinary exception a dynamic import() can catch.
import { createRequire } from 'node:module'

const sdk = createRequire(import.meta.url)('./index.js')

export const {
  DynamicSecretProviders,
  EncryptionAlgorithm,
  InfisicalSDK,
  KeyUsage,
  SecretType,
  SigningAlgorithm,
  SqlProviders,
} = sdk
