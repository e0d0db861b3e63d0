import { defineConfig } from "vitest/config";

// `npm run test:browser`: tests in headless Chromium (Debian's, at /usr/bin/chromium).
export default defineConfig({
  test: { include: ["test/browser/**/*.browser.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
