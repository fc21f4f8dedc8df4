'use strict'
// projects(): create resolves to `project`, inviteMembers to `memberships`.

const { encodeArgs, parseObject, unwrap, guard } = require('./call')

class ProjectsClient {
  constructor(native) {
    this.create = (options) =>
      guard(async () => {
        const call = 'projects().create'
        return unwrap(parseObject(await native.createProject(encodeArgs([options])), call), 'project', call)
      })
    this.inviteMembers = (options) =>
      guard(async () => {
        const call = 'projects().inviteMembers'
        return unwrap(parseObject(await native.inviteMembers(encodeArgs([options])), call), 'memberships', call)
      })
  }
}

module.exports = { ProjectsClient }
