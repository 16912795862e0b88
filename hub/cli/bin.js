#!/usr/bin/env node
// The `lienthong` command. In the sources it runs the TypeScript directly through tsx, so `npx lienthong …`
// works in a fresh clone right after `npm install`, with no build step; in a build (dist/, `npm run build`)
// it runs the compiled JavaScript beside it. Either way the command runs in this very process: there is
// no child to leave behind.
//
// Started through npm (`npx lienthong worker`, `npm exec`, `npm run`), this process is not npm's child
// but its grandchild: npm → sh -c → node. Stopping npm by its pid (SIGTERM) kills the shell, which does
// not pass the signal on, and used to leave the hub or worker running, orphaned, still delivering. So
// when npm started us we watch our parent: once it is gone we stop as if we had got SIGTERM ourselves —
// gracefully, finishing what is in flight — and exit. Started directly (node bin.js, systemd), nothing
// changes: the process's lifetime is its own.
/* global setInterval, clearInterval */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (process.env.npm_command) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 200);
  watch.unref();
}

if (existsSync(join(__dirname, 'main.js'))) {
  require('./main.js').run(process.argv);
} else {
  require('tsx/cjs');
  require('./main.ts').run(process.argv);
}
