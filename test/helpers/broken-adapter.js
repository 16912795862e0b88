// Preloaded (`node --require`) by the CLI tests: a half-written adapter. Loading the adapters' registry
// fails the way a syntax error in one adapter's file makes it fail; everything else loads.
const Module = require('node:module');

const load = Module._load;
Module._load = function (request, ...rest) {
  if (/(^|[\\/])adapters[\\/]registry(\.ts)?$/.test(request))
    throw new SyntaxError('adapters/social-insurance/index.ts: Unexpected token (a half-written adapter)');
  return load.call(this, request, ...rest);
};
