// `homebound/testing`: the maker's test kit, for mocha (or any runner).
// The kit is TypeScript run through ts-node, registered here for this
// package's own files (ts-node skips node_modules by default).
'use strict';
const path = require('path');
const root = path.join(__dirname, '..');
if (!process[Symbol.for('ts-node.register.instance')]) {
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  require('ts-node').register({
    transpileOnly: true,
    project: path.join(root, 'tsconfig.json'),
    // Compile this package even when installed under node_modules, nothing else there.
    ignore: [new RegExp('^(?!' + escaped + ').*node_modules')],
  });
}
module.exports = require('./kit');
