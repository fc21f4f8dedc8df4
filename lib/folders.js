'use strict'
// folders(): create resolves to `folder`, listFolders to `folders`.

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

class FoldersClient {
  constructor(native) {
    this.create = (options) =>
      guard(async () => {
        const call = 'folders().create'
        return unwrap(parseObject(await native.createFolder(encodeArgs([options])), call), 'folder', call)
      })
    this.listFolders = (options) =>
      guard(async () => {
        const call = 'folders().listFolders'
        return unwrap(parseObject(await native.listFolders(encodeArgs([options])), call), 'folders', call)
      })
  }
}

module.exports = { FoldersClient }
