'use strict'
// For index.mjs only: the native bindings (loader.js; index.js only picks
// names from them, which index.mjs does itself), or the error their load threw. This
// module itself never throws, so index.mjs can throw that error from ES module
// code, where a dynamic import() catches it (an error thrown by a CommonJS
// module under an ES import also ends the process on Node 20). A static
// `import` of this file, unlike createRequire(import.meta.url), is something
// bundlers (esbuild, Bun, webpack) follow.
try {
  module.exports = { sdk: require('./loader.js') }
} catch (error) {
  module.exports = { error }
}
