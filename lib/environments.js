'use strict'
// environments(): create resolves to `environment`.

const { apiMethod } = require('./call')

class EnvironmentsClient {
  constructor(native) {
    this.create = apiMethod(native, 'createEnvironment')
  }
}

module.exports = { EnvironmentsClient }
