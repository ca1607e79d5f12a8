// `homebound/testing`: the maker's test kit, for mocha (or any runner).
// The kit is TypeScript; it is loaded through ts-node unless the host
// process already registered a TypeScript loader.
'use strict';
const path = require('path');
if (!process[Symbol.for('ts-node.register.instance')]) {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
}
module.exports = require('./kit');
