/** Worker thread body: checks the output folders' stamps against a build record, with the thread that started it (see `checkOutputAside`). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkShared, chunkTable } from './stamps.js';

const { folders, out, shared } = workerData as { folders: string; out: string; shared: Int32Array };
chunkTable(folders, shared);
checkShared(folders, out, shared);
parentPort!.postMessage('done');
