/** queue/: deliveries on BullMQ — queues, workers, ordering, dead letters, and the local Redis for dev. */
export * from './queues';
export * from './types';
export {
  bullConnection,
  redisClient,
  redisTargetOf,
  parseClusterNodes,
  scanKeys,
  type RedisTarget,
} from './connection';
export {
  createDeliveryQueues,
  deliveryId,
  NotDurableError,
  destinationOf,
  type DeliveryQueues,
  type EnqueueResult,
} from './deliveries';
export {
  startDeliveryWorkers,
  type ClassifiedError,
  type DeliveryContext,
  type DeliveryObserver,
  type DestinationWorkerOptions,
  type WorkerSet,
} from './worker';
export {
  createDeadLetters,
  createAttemptLog,
  type DeadLetter,
  type DeadLetters,
  type DeadLetterSummary,
  type Discarded,
} from './dead-letters';
export { createSealer, SealError, type DataKeyring, type Sealer } from './sealing';
export { trustDirSealer, dataKeysPath, initDataKeys, rotateDataKeys } from './data-keys';
export { metaOf, toStored, fromStored } from './stored';
export { createOrdering, type Ordering, type Turn, type TurnOutcome } from './ordering';
export { createResultStore, resultKey, type ResultStore, type StoredResultRef } from './results';
export {
  registerQueueMetrics,
  readQueueSnapshot,
  type QueueMetricsOptions,
  type QueueSnapshot,
} from './metrics';
export { startLocalRedis, freePort, type LocalRedis, type LocalRedisOptions } from './local-redis';
