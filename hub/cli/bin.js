#!/usr/bin/env node
// The `lienthong` command. Runs the TypeScript sources directly through tsx, so `npx lienthong …` works
// in a fresh clone right after `npm install`, with no build step.
require('tsx/cjs');
require('./main.ts').run(process.argv);
