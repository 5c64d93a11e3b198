import { defineConfig } from 'vitest/config';

// Note: `npm test` runs the default project under TZ=Asia/Ho_Chi_Minh, then the `tz` project
// (the date- and output-sensitive suites) again under TZ=America/Los_Angeles.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'tz', include: ['test/**/*.tz.test.ts'] } },
    ],
  },
});
