// Types for `import` of infisical-sdk-native/testing: the same names as testing.d.ts
// (testing.mjs re-exports testing.js and has no default export).
export * from './testing.js'
