/** Public surface of contracts/: schemas, registry, validation, problems, validators. */
export { Joi } from './extensions';
export { contracts, type ContractDefinition } from './registry';
export {
  validateRecord,
  validateWith,
  normalise,
  upgradeRecord,
  type Validated,
  type ValidateOptions,
} from './validate';
export * from './problem';
export * from './errors/catalogue';
export type * from './types';
