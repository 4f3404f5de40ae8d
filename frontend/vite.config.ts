import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(root, 'dist');

// note: Vite empties dist/ before building, but go:embed needs dist/.keep to
// exist in a fresh clone; this writes the committed placeholder back.
const keepPlaceholder = (): Plugin => ({
  name: 'keyward-keep-placeholder',
  apply: 'build',
  closeBundle() {
    writeFileSync(
      resolve(outDir, '.keep'),
      'Placeholder so go:embed has a file before the SPA is built. The Vite build restores it.\n',
    );
  },
});

export default defineConfig({
  root,
  plugins: [react(), keepPlaceholder()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // note: graphiql ships "use no memo" directives that bundling drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        main: resolve(root, 'index.html'),
        playground: resolve(root, 'playground.html'),
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: [resolve(root, 'src/test/setup.ts')],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // note: typing into MUI fields takes seconds on a loaded two-core CI machine.
    testTimeout: 20_000,
  },
});
