import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { endpointsOf, routes } from '@ipt/contract';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * `virtual:ipt/endpoints`: the contract's route table as plain data (method, path, body, If-Match), worked out here
 * at build time, so the page's typed client carries no schema and no zod (ADR 0018).
 */
function endpoints(): Plugin {
  const id = 'virtual:ipt/endpoints';
  return {
    name: 'ipt-endpoints',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (source) => (source === `\0${id}` ? `export default ${JSON.stringify(endpointsOf(routes))};` : undefined),
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files the server sends compressed: text. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes FILE.br (brotli, quality 11) and FILE.gz (gzip, level 9) beside each compressible file of the build, once,
 * at build time: the server sends the one the client accepts as it is (ADR 0018), at a ratio it could not afford to
 * reach per request. A copy that would not be smaller is not written.
 */
function precompress(): Plugin {
  return {
    name: 'ipt-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      await Promise.all(
        Object.values(bundle).map(async (item) => {
          if (!compressible.test(item.fileName)) return;
          const source = item.type === 'chunk' ? item.code : item.source;
          const bytes = Buffer.from(source);
          const file = path.join(outDir, item.fileName);
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < bytes.length) await writeFile(`${file}.br`, br);
          if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

/** The clinician's web client. The server serves `dist/` at `/`; in development Vite proxies `/api` to it. */
export default defineConfig({
  plugins: [react(), endpoints(), precompress()],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the build the server serves (ADR 0018): `vite build --sourcemap` for a local look.
    sourcemap: false,
    // zod in a chunk of its own name, reached only by the forms' request schemas (forms/request-schemas.ts) and the
    // pages that shape records with it: the e2e test holds the sign-in and caseload pages to loading none of it.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ }] } },
    },
  },
});
