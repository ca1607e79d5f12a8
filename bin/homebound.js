#!/usr/bin/env node
// The homebound CLI. The toolchain is TypeScript run through ts-node
// (transpile-only: type-checking is `npm test`'s job, not every command's).
'use strict';
const path = require('path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require('../cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`homebound: ${err && err.message ? err.message : err}`); process.exitCode = 2; },
);
