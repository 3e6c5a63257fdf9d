import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.tsx'],
    // Snapshots must not depend on the machine's colour support (docs/development.md, "Traps we measured").
    env: {FORCE_COLOR: '0'},
    testTimeout: 15_000,
  },
});
