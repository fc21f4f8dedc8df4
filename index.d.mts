// Types for `import` (ES modules): the same names as index.d.ts, and no
// default export, matching index.mjs and @infisical/sdk's own index.d.mts.
export * from './index.js'
