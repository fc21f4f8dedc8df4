'use strict'
// environments(): create resolves to `environment`.

const { apiMethod } = require('./call')

class EnvironmentsClient {
  constructor(native) {
    this.create = apiMethod(native, 'createEnvironment', 'environments().create', 'environment')
  }
}

module.exports = { EnvironmentsClient }
