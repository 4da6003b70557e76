// Hybrid flat routes (remix-flat-routes, as the Epic Stack uses them): `+` folders group a side's
// routes (`_auth+/`, `portal+/`, `staff+/`), `_layout.tsx` is the folder's layout, and helpers that
// belong to one route sit beside it (`*.server.ts`, `__*.tsx`), ignored as routes. See ADR 007.
import type { RouteConfig } from "@remix-run/route-config";
import { remixRoutesOptionAdapter } from "@remix-run/routes-option-adapter";
import { flatRoutes } from "remix-flat-routes";

export default remixRoutesOptionAdapter((defineRoutes) =>
  flatRoutes("routes", defineRoutes, {
    ignoredRouteFiles: ["**/.*", "**/*.server.ts", "**/__*.*", "**/*.test.*"],
  }),
) satisfies RouteConfig;
