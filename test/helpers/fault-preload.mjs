/**
 * Loaded with `node --import` before the CLI: makes chosen `fs` calls fail the way a full disk
 * (ENOSPC), a read-only file system (EROFS) or a refused permission (EACCES) makes them fail, for
 * paths matching a pattern, so a fault test is deterministic (and works as root, where chmod stops
 * nothing). Set by the environment: FAULT_CODE, FAULT_CALLS (comma-separated `fs` function names),
 * FAULT_PATH (a regular expression).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const { FAULT_CODE: code, FAULT_CALLS: calls = '', FAULT_PATH: pattern = '$^' } = process.env;
const matches = new RegExp(pattern);
const SYSCALLS = { writeFileSync: 'open', mkdirSync: 'mkdir', renameSync: 'rename', accessSync: 'access', openSync: 'open', linkSync: 'link', rmSync: 'rm', unlinkSync: 'unlink', rmdirSync: 'rmdir' };

for (const name of calls.split(',').filter(Boolean)) {
  const real = fs[name];
  fs[name] = function (path, ...rest) {
    if (typeof path === 'string' && matches.test(path)) {
      // Note: a full disk fails the write to an open file, and Node's error then names no path.
      const e = new Error(`${code}: injected fault, ${name} '${path}'`);
      if (code === 'ENOSPC') Object.assign(e, { code, errno: -28, syscall: 'write' });
      else Object.assign(e, { code, errno: -1, syscall: SYSCALLS[name] ?? name, path, ...(name === 'renameSync' ? { dest: rest[0] } : {}) });
      throw e;
    }
    return real.call(this, path, ...rest);
  };
}
syncBuiltinESMExports();
