/**
 * Loaded with `node --import` before the CLI: makes chosen `fs` calls fail the way a full disk
 * (ENOSPC), a read-only file system (EROFS) or a refused permission (EACCES) makes them fail, for
 * paths matching a pattern, so a fault test is deterministic (and works as root, where chmod stops
 * nothing). Set by the environment: FAULT_CODE, FAULT_CALLS (comma-separated `fs` function names),
 * FAULT_PATH (a regular expression). `writeSync` fails for a file opened (with `openSync`) at such a path.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const { FAULT_CODE: code, FAULT_CALLS: calls = '', FAULT_PATH: pattern = '$^' } = process.env;
const matches = new RegExp(pattern);
const SYSCALLS = { writeFileSync: 'open', mkdirSync: 'mkdir', renameSync: 'rename', accessSync: 'access', openSync: 'open', linkSync: 'link', rmSync: 'rm', unlinkSync: 'unlink', rmdirSync: 'rmdir' };

const faulty = (name, path) => {
  // Note: a full disk fails the write to an open file, and Node's error then names no path.
  const e = new Error(`${code}: injected fault, ${name} '${path}'`);
  if (code === 'ENOSPC') Object.assign(e, { code, errno: -28, syscall: 'write' });
  else Object.assign(e, { code, errno: -1, syscall: SYSCALLS[name] ?? name, path });
  return e;
};

const names = calls.split(',').filter(Boolean);
if (names.includes('writeSync')) {
  const opened = new Map();
  const { openSync, writeSync, closeSync } = fs;
  fs.openSync = function (path, ...rest) {
    const fd = openSync.call(this, path, ...rest);
    if (typeof path === 'string' && matches.test(path)) opened.set(fd, path);
    return fd;
  };
  fs.writeSync = function (fd, ...rest) {
    if (opened.has(fd)) throw faulty('writeSync', opened.get(fd));
    return writeSync.call(this, fd, ...rest);
  };
  fs.closeSync = function (fd, ...rest) {
    opened.delete(fd);
    return closeSync.call(this, fd, ...rest);
  };
}

for (const name of names.filter((n) => n !== 'writeSync')) {
  const real = fs[name];
  fs[name] = function (path, ...rest) {
    if (typeof path === 'string' && matches.test(path)) throw Object.assign(faulty(name, path), code !== 'ENOSPC' && name === 'renameSync' ? { dest: rest[0] } : {});
    return real.call(this, path, ...rest);
  };
}
syncBuiltinESMExports();
