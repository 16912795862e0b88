/** Worker-thread entry: reads SOAP answers off the main thread for ./xml-offload.ts. */
import { parentPort } from 'node:worker_threads';
import { readSoapAnswer, type SoapReadOptions } from './soap-answer';

interface Job {
  id: number;
  data: Uint8Array;
  status: number;
  opts: SoapReadOptions;
}

parentPort?.on('message', (job: Job) => {
  parentPort!.postMessage({ id: job.id, reading: readSoapAnswer(job.data, job.status, job.opts) });
});
