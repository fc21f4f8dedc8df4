'use strict'
// projects(): create resolves to `project`, inviteMembers to `memberships`.

const { apiMethod } = require('./call')

class ProjectsClient {
  constructor(native) {
    this.create = apiMethod(native, 'createProject')
    this.inviteMembers = apiMethod(native, 'inviteMembers')
  }
}

module.exports = { ProjectsClient }
