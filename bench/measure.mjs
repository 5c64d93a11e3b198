/** Timing, peak memory and page counting for benchmark builds. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const running = new Set();

// Note: builds run in their own process group (see timeCommand), so Ctrl-C must be passed on to them.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}

/** How peak memory is measured on this machine, for the report. */
export function memoryMethod() {
  return existsSync(GNU_TIME)
    ? 'GNU time %M (ru_maxrss: peak RSS of the largest process in the build, not a sum over processes)'
    : 'polling /proc/<pid>/status VmHWM every 50 ms (peak RSS of the build process only)';
}

function readPeakKiB(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs one build and returns { ok, code, seconds, rssMiB, output }. Wall time is measured here with
 * performance.now(); peak RSS comes from GNU time when installed, else from polling /proc.
 */
export function timeCommand(command, args, { cwd, env = {}, timeoutSeconds = 3600 } = {}) {
  const useGnuTime = existsSync(GNU_TIME);
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const argv = useGnuTime ? ['-f', '%e %M', '-o', timeFile, command, ...args] : args;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(useGnuTime ? GNU_TIME : command, argv, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Note: own process group, so a timeout can stop the build and anything it spawned.
      detached: true,
    });
    running.add(child.pid);
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peakKiB = 0;
    const poller = useGnuTime ? null : setInterval(() => (peakKiB = Math.max(peakKiB, readPeakKiB(child.pid))), 50);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutSeconds * 1000);
    const finish = (code, error) => {
      const seconds = (performance.now() - started) / 1000;
      running.delete(child.pid);
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      if (useGnuTime && existsSync(timeFile)) {
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        peakKiB = Number(lines.at(-1).split(' ')[1]) || 0;
        rmSync(timeFile, { force: true });
      }
      if (timedOut) output += `\ntimed out after ${timeoutSeconds} s`;
      if (error) output += `\n${error.message}`;
      resolve({ ok: code === 0 && !timedOut && !error, code, seconds, rssMiB: peakKiB / 1024, output });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

function listDirs(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Listing pages under a folder: its index.html files, minus /page/1/ redirect stubs and the folder's own index. */
function countListingPages(dir) {
  let count = 0;
  const walk = (current, depth) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.name === 'index.html' && depth > 0 && !/\/page\/1\/index\.html$/.test(path)) count++;
    }
  };
  if (existsSync(dir)) walk(dir, 0);
  return count;
}

/** Counts what a build wrote: article pages (YYYY/MM/slug/), tag, province and home pages, feed entries. */
export function countPages(out) {
  let articles = 0;
  for (const year of listDirs(out).filter((d) => /^\d{4}$/.test(d))) {
    for (const month of listDirs(join(out, year)).filter((d) => /^\d{2}$/.test(d))) {
      for (const slug of listDirs(join(out, year, month))) {
        if (existsSync(join(out, year, month, slug, 'index.html'))) articles++;
      }
    }
  }
  const home =
    (existsSync(join(out, 'index.html')) ? 1 : 0) +
    listDirs(join(out, 'page')).filter((n) => /^\d+$/.test(n) && n !== '1' && existsSync(join(out, 'page', n, 'index.html')))
      .length;
  const feedFile = ['feed.xml', 'atom.xml', 'feed.atom'].map((f) => join(out, f)).find((f) => existsSync(f));
  const feed = feedFile ? (readFileSync(feedFile, 'utf8').match(/<entry[\s>]/g) ?? []).length : 0;
  return {
    articles,
    tags: countListingPages(join(out, 'tags')),
    // Note: the peers write /province/<term>/, bantin writes /provinces/<term>/.
    provinces: countListingPages(join(out, 'province')) + countListingPages(join(out, 'provinces')),
    home,
    feed,
  };
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
