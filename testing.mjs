// ES module entry of infisical-sdk-native/testing (the implementation is CommonJS: testing.js).
import testing from './testing.js';

export const { startInfisical, InfisicalSeedError, startServer, DEFAULTS, createJwtIssuer } = testing;
