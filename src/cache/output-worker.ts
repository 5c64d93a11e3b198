/** Worker thread body: checks the output folders' stamps against a build record (see `recordedOutputAside`). */
import { parentPort, workerData } from 'node:worker_threads';
import { allHold } from './stamps.js';

const { folders, out } = workerData as { folders: string; out: string };
parentPort!.postMessage(allHold(folders, out));
