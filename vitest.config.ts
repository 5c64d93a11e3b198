import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints a line when a test file starts, so a long file (a browser suite, the packing test) shows
 * what it is busy with; the default reporter prints each file's results when it ends.
 */
const startedFiles: Reporter = {
  onTestModuleStart(module: TestModule) {
    process.stdout.write(` ▶ ${module.project.name} ${module.relativeModuleId}\n`);
  },
};

// Note: `npm test` runs the default project under TZ=Asia/Ho_Chi_Minh, then the `tz` project
// (the date- and output-sensitive suites) again under TZ=America/Los_Angeles. The reporters are
// named, as vitest otherwise picks others by what it guesses of the terminal.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Note: vitest's default is one worker fewer than the cores, one on a 2-core machine; most files
    // wait on a bantin process or Chromium much of the time, so two workers keep both cores busy.
    maxWorkers: 2,
    reporters: ['default', startedFiles],
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'tz', include: ['test/**/*.tz.test.ts'] } },
    ],
  },
});
