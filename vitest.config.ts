import { defineConfig } from "vitest/config";

export default defineConfig({
  // Whole-model tests (a transformer's training step in float64) take seconds on a 2-core machine;
  // two workers use both cores (vitest's default leaves one idle).
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, maxWorkers: 2 },
});
