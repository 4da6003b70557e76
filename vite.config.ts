import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { type Plugin, defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The PDF worker thread's entry (app/domain/pdf/pdf-worker.ts) is a second entry of the server build,
 * emitted as build/server/pdf-worker.mjs next to index.js: every build (npm run build, npm start, npm
 * test) produces it, and modules both use are shared chunks. See app/domain/pdf/pdf-pool.server.ts.
 */
function pdfWorkerEntry(): Plugin {
  let ssrBuild = false;
  return {
    name: "cartera-pdf-worker-entry",
    apply: "build",
    configResolved(config) {
      ssrBuild = Boolean(config.build.ssr);
    },
    buildStart() {
      if (!ssrBuild) return;
      this.emitFile({
        type: "chunk",
        id: path.resolve(__dirname, "app/domain/pdf/pdf-worker.ts"),
        fileName: "pdf-worker.mjs",
      });
    },
  };
}

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "#db": path.resolve(__dirname, "db"),
      "#emails": path.resolve(__dirname, "emails"),
    },
  },
  plugins: [
    pdfWorkerEntry(),
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
    }),
  ],
  optimizeDeps: {
    exclude: ["@node-rs/argon2", "remix-i18next", "drizzle-orm", "@electric-sql/pglite", "pg"],
    include: ["@conform-to/react", "@conform-to/zod/v4", "zod"],
  },
});
