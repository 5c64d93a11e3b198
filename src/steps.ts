/**
 * A build runs as steps (generators): it pauses after each item it makes anew, so a caller that
 * also answers requests (`serve`) can do other work meanwhile, and hands out work in flight on
 * other threads for the caller to await.
 */

/**
 * What a build's steps yield: nothing (a pause, where a caller may do other work) or work in
 * flight on other threads, which the caller awaits before going on.
 */
export type Step = void | Promise<unknown>;

/**
 * Items (articles, pages) reused from a cache between two pauses of a build's steps; an item made
 * anew (parsed, rendered) is followed by a pause. Note: a pause costs a few microseconds, as much
 * as reusing a page, and far less than rendering one.
 */
export const PAUSE_EVERY = 16;

/**
 * Yields work in flight (a promise) for the caller to await, and returns its value once the caller
 * comes back: a stage that waits on other threads stays a plain step.
 */
export function* awaited<T>(work: Promise<T>): Generator<Step, T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  yield work.then(
    (value) => void (outcome = { value }),
    (error: unknown) => void (outcome = { error }),
  );
  if (outcome === undefined) throw new Error('a build step was not awaited');
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
