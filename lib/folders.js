'use strict'
// folders(): create resolves to `folder`, listFolders to `folders`.

const { apiMethod } = require('./call')

class FoldersClient {
  constructor(native) {
    this.create = apiMethod(native, 'createFolder', 'folders().create', 'folder')
    this.listFolders = apiMethod(native, 'listFolders', 'folders().listFolders', 'folders')
  }
}

module.exports = { FoldersClient }
