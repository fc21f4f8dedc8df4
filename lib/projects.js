'use strict'
// projects(): create resolves to `project`, inviteMembers to `memberships`.

const { apiMethod } = require('./call')

class ProjectsClient {
  constructor(native) {
    this.create = apiMethod(native, 'createProject', 'projects().create', 'project')
    this.inviteMembers = apiMethod(native, 'inviteMembers', 'projects().inviteMembers', 'memberships')
  }
}

module.exports = { ProjectsClient }
