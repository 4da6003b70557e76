// The PDF worker when the portal runs from its TypeScript sources (vitest, tsx scripts, remix
// vite:dev): a worker thread does not inherit vitest's or Vite's module loader, so this registers
// tsx's (a dev dependency; tsconfig paths such as ~/ resolve) and loads the TypeScript entry. The
// production build loads build/server/pdf-worker.mjs instead and never reads this file.
import { register } from "tsx/esm/api";

register();
const worker = await import("./pdf-worker.ts");

export default worker.default;
