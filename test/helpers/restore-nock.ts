/**
 * Imported by every test file that uses nock: nock patches node:http for the whole jest worker process,
 * and the worker goes on to run other test files. Restoring it after the file leaves node's own http to
 * them (a patched http ignores keep-alive agents, among other things).
 */
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
