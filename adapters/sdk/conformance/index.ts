/** The conformance kit: the checks, the report runner (CLI) and the jest suite. */
export * from './checks';
export { runAdapterSuite } from './jest-suite';
