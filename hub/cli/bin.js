#!/usr/bin/env node
// The `lienthong` command. In the sources it runs the TypeScript directly through tsx, so `npx lienthong …`
// works in a fresh clone right after `npm install`, with no build step; in a build (dist/, `npm run build`)
// it runs the compiled JavaScript beside it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (existsSync(join(__dirname, 'main.js'))) {
  require('./main.js').run(process.argv);
} else {
  require('tsx/cjs');
  require('./main.ts').run(process.argv);
}
