/* global setInterval */
// Preloaded (`node --require`) into the hub and worker processes the fault drills and benchmarks start:
// the process exits when the process that started it is gone (reparented), so a test runner killed
// outright leaves no hub or worker behind.
const startedBy = process.ppid;
setInterval(() => {
  if (process.ppid !== startedBy) process.exit(70);
}, 500).unref();
