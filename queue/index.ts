/** queue/: deliveries on BullMQ — queues, workers, ordering, dead letters, and the local Redis for dev. */
export * from './queues';
export * from './types';
export { bullConnection } from './connection';
export {
  createDeliveryQueues,
  deliveryId,
  destinationOf,
  type DeliveryQueues,
  type EnqueueResult,
} from './deliveries';
export {
  startDeliveryWorkers,
  type ClassifiedError,
  type DeliveryContext,
  type DestinationWorkerOptions,
  type WorkerSet,
} from './worker';
export { createDeadLetters, createAttemptLog, type DeadLetter, type DeadLetters } from './dead-letters';
export { createOrdering, type Ordering, type Turn } from './ordering';
export { createResultStore, resultKey, type ResultStore, type StoredResultRef } from './results';
export {
  registerQueueMetrics,
  readQueueSnapshot,
  type QueueMetricsOptions,
  type QueueSnapshot,
} from './metrics';
export { startLocalRedis, freePort, type LocalRedis, type LocalRedisOptions } from './local-redis';
