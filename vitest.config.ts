import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // many tests wait on PostgreSQL, subprocesses or Chromium: two workers even on two cores (Vitest's default is
    // one fewer than the cores)
    maxWorkers: 2,
    env: { TZ: "Pacific/Kiritimati" },
  },
});
