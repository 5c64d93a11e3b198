/** Other processes on this machine, as far as a build needs to know them (whose leftovers to leave alone). */

/** Whether `pid` is a running process other than this one (one this process may signal). */
export function isOtherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
