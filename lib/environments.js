'use strict'
// environments(): create resolves to `environment`.

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

class EnvironmentsClient {
  constructor(native) {
    this.create = (options) =>
      guard(async () => {
        const call = 'environments().create'
        return unwrap(parseObject(await native.createEnvironment(encodeArgs([options])), call), 'environment', call)
      })
  }
}

module.exports = { EnvironmentsClient }
