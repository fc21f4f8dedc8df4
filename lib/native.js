'use strict'
module.exports = require('../loader.js') // the native addon (loader.js at the package root)
