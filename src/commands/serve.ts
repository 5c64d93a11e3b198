/** `bantin serve`: a live preview of the site, rebuilt on every save. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { flagProblems } from '../config.js';
import { siteFolderProblems } from '../content/scan.js';
import { formatDiagnostic, type Io } from '../messages.js';
import { startServe, type ServeOptions } from '../serve/session.js';

/** Options of the serve command. */
export interface ServeCommandOptions extends ServeOptions {
  open?: boolean;
}

/** Serves until Ctrl-C or SIGTERM; returns the exit code. */
export async function runServe(options: ServeCommandOptions, io: Io): Promise<number> {
  const refused = [...siteFolderProblems(resolve(options.root)), ...flagProblems(options)];
  for (const d of refused) io.err(formatDiagnostic(d));
  if (refused.length) return 1;
  let session;
  try {
    session = await startServe(options, io);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 8080}`;
    if (err.code === 'EADDRINUSE') io.err(`bantin serve: port ${options.port} is already in use; stop the other server or choose another --port`);
    else if (err.code === 'EACCES') io.err(`bantin serve: not allowed to listen on ${where}; choose a --port above 1023`);
    else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') io.err(`bantin serve: ${options.host} is not an address of this machine; check --host`);
    else throw e;
    return 1;
  }
  io.out(`serving ${session.url} (Ctrl-C to stop)`);
  if (options.host && options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    io.err(`bantin serve: listening on ${options.host}, so other machines on the network can see this preview`);
  }
  if (options.open) openBrowser(session.url, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await session.close();
  io.out('stopped');
  return 0;
}

function openBrowser(url: string, io: Io): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  const child = spawn(command!, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(`bantin serve: could not open a browser; open ${url} yourself`));
  child.unref();
}
