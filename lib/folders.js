'use strict'
// folders(): create resolves to `folder`, listFolders to `folders`.

const { apiMethod } = require('./call')

class FoldersClient {
  constructor(native) {
    this.create = apiMethod(native, 'createFolder')
    this.listFolders = apiMethod(native, 'listFolders')
  }
}

module.exports = { FoldersClient }
