'use strict';
// The local Infisical server moved to testing/ and ships as `infisical-sdk-native/testing`.
// Old require paths (`./server`, `../server`) keep working through this file; new code
// should require 'infisical-sdk-native/testing' (the package's self-reference).
module.exports = require('infisical-sdk-native/testing');
