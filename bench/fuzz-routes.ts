// Throws malformed requests at a running portal and counts the status codes: NUL, control characters
// and over-long values in every path param and query param, tampered keyset cursors, bodies that are
// not forms (JSON, text, XML, broken multipart, none), 5 MB fields, CR/LF in redirectTo, foreign and
// unparsable Origins — as documents and as single-fetch `.data` requests, over every route module
// under app/routes (the same enumeration as tests/integration/malformed-requests.test.ts).
//
//   npm start                      # or any running build, on PGlite or PostgreSQL
//   npx tsx bench/fuzz-routes.ts   # FUZZ_URL=http://127.0.0.1:3000 by default
//
// Signs in as the demo customer account admin (tesoreria@grupo-constructor.mx) and the demo admin to
// reach the signed-in pages, and takes real IDs from their pages. It never posts a wrong password for
// a demo user (it would lock them), and sends the logout route no session cookie.
//
// Env: FUZZ_URL, FUZZ_CONCURRENCY (default 4), FUZZ_CUSTOMER / FUZZ_STAFF (emails), FUZZ_PASSWORD.
// Prints the count per status and every 5xx; exits 1 on a 5xx, except a cross-origin document POST,
// which only a server running originGuard() (server/origin-guard.mjs) in front of Remix can answer 403:
// those are listed apart (remix-serve answers them 500).
import { DEMO_PASSWORD } from "#db/seed/demo-credentials";
import { type RouteFile, listRouteFiles, routePath } from "../tests/setup/route-files";

const BASE = (process.env.FUZZ_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const PASSWORD = process.env.FUZZ_PASSWORD ?? DEMO_PASSWORD;
const CUSTOMER = process.env.FUZZ_CUSTOMER ?? "tesoreria@grupo-constructor.mx";
const STAFF = process.env.FUZZ_STAFF ?? "admin@cartera.demo";

interface Probe {
  kind: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  cookie?: string;
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 || cookies.length === 0)
    throw new Error(`sign-in of ${email} answered ${response.status}; is the demo data seeded?`);
  return cookies.join("; ");
}

async function firstMatch(path: string, cookie: string, pattern: RegExp): Promise<string | undefined> {
  const html = await (await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } })).text();
  return pattern.exec(html)?.[1];
}

const NUL = "%00";
/** Raw (already percent-encoded) values for a path segment or a query value. */
const BAD = [
  NUL,
  `x${NUL}`,
  "a".repeat(65),
  "a".repeat(5000),
  "x%0D%0A",
  "%01%1F%7F",
  "%FF%FE",
  "%E2%80%AE",
  "%",
  "..%2F..%2F",
];
const QUERY_PARAMS = [
  "q",
  "account",
  "status",
  "currency",
  "issuedFrom",
  "dueTo",
  "amountMin",
  "sort",
  "dir",
  "size",
  "after",
  "before",
  "tab",
  "from",
  "to",
  "asOf",
  "page",
  "pick",
  "redirectTo",
  "lng",
];
const cursor = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
const FIVE_MB = "x".repeat(5 * 1024 * 1024);

function dataPath(route: RouteFile, path: string, method: string): string {
  const base = path === "/" ? "/_root.data" : `${path}.data`;
  return method === "POST" && route.id.endsWith("_index") ? `${base}?index` : base;
}

function probesFor(route: RouteFile, values: Record<string, string>, cookie: string | undefined): Probe[] {
  const probes: Probe[] = [];
  const path = routePath(route, values);
  // Path params: each replaced in turn (the raw string goes into the URL as it is).
  for (const param of route.params)
    for (const bad of BAD) {
      const badPath = routePath(route, { ...values, [param]: bad }, { encode: false });
      probes.push({ kind: "path param", method: "GET", path: badPath, cookie });
      probes.push({ kind: "path param (.data)", method: "GET", path: dataPath(route, badPath, "GET"), cookie });
    }
  // Query params, one at a time, and tampered cursors.
  for (const name of QUERY_PARAMS)
    for (const bad of BAD) probes.push({ kind: "query param", method: "GET", path: `${path}?${name}=${bad}`, cookie });
  for (const sort of ["issue_date", "folio"]) {
    const values = sort === "folio" ? ["A", 3, "101"] : ["2026-10-01"];
    for (const c of [
      cursor([sort, values, "x\u0000"]),
      cursor([sort, sort === "folio" ? ["A\u0000", 3, "1"] : ["2026-10-01\u0000"], "x"]),
      cursor([sort, values, "a".repeat(400)]),
    ])
      for (const key of ["after", "before"])
        probes.push({ kind: "cursor", method: "GET", path: `${path}?sort=${sort}&${key}=${c}`, cookie });
  }
  // Bodies, as a document POST and as a single-fetch action; logout gets no session to end.
  const postCookie = route.id === "logout" ? undefined : cookie;
  const form = (fields: Record<string, string>) => ({
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const valid = { intent: "email", language: "es", redirectTo: "/", email: "fuzz@example.invalid", id: "x" };
  const multipart = new FormData();
  multipart.set("intent", "email");
  multipart.set("name", FIVE_MB);
  const bodies: { kind: string; headers?: Record<string, string>; body?: BodyInit }[] = [
    { kind: "json", headers: { "Content-Type": "application/json" }, body: '{"intent":"email"}' },
    { kind: "json 5 MB", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ x: FIVE_MB }) },
    { kind: "text/plain", headers: { "Content-Type": "text/plain" }, body: "intent=email" },
    { kind: "xml", headers: { "Content-Type": "application/xml" }, body: "<intent>email</intent>" },
    {
      kind: "broken multipart",
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\nnot a part",
    },
    { kind: "multipart, no boundary", headers: { "Content-Type": "multipart/form-data" }, body: "a=b" },
    { kind: "no content type", body: new Blob(["intent=email"]) },
    { kind: "5 MB field", ...form({ ...valid, name: FIVE_MB }) },
    { kind: "5 MB field, multipart", body: multipart },
    { kind: "CR/LF in redirectTo", ...form({ ...valid, redirectTo: "/portal\r\nSet-Cookie: x=y" }) },
    ...Object.keys(valid).map((k) => ({
      kind: "NUL in a field",
      ...form({ ...valid, [k]: `${valid[k as keyof typeof valid]}\u0000` }),
    })),
    { kind: "over-long id", ...form({ ...valid, id: "a".repeat(65) }) },
  ];
  for (const target of [path, dataPath(route, path, "POST")]) {
    const suffix = target === path ? "" : " (.data)";
    for (const b of bodies)
      probes.push({
        kind: `${b.kind}${suffix}`,
        method: "POST",
        path: target,
        headers: { Origin: BASE, ...b.headers },
        body: b.body,
        cookie: postCookie,
      });
    for (const origin of ["https://evil.example", "not a url", "null"])
      probes.push({
        kind: `cross-origin POST${suffix}`,
        method: "POST",
        path: target,
        headers: { Origin: origin, Accept: "text/html", ...form(valid).headers },
        body: form(valid).body,
        cookie: postCookie,
      });
  }
  return probes;
}

async function send(probe: Probe): Promise<number> {
  const headers = new Headers(probe.headers);
  if (probe.cookie) headers.set("Cookie", probe.cookie);
  try {
    const response = await fetch(`${BASE}${probe.path}`, {
      method: probe.method,
      headers,
      body: probe.body,
      redirect: "manual",
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch {
    return 0; // connection closed or reset (e.g. a refused upload): not an answer
  }
}

async function main() {
  const customer = await signIn(CUSTOMER);
  const staff = await signIn(STAFF);
  const documentId = await firstMatch("/portal/invoices", customer, /\/portal\/documents\/([A-Za-z0-9_-]{16,64})"/);
  const accountId = await firstMatch("/staff", staff, /\/staff\/accounts\/([A-Za-z0-9_-]{16,64})"/);
  const staffDocumentId = accountId
    ? await firstMatch(`/staff/accounts/${accountId}/invoices`, staff, /\/documents\/([A-Za-z0-9_-]{16,64})"/)
    : undefined;
  if (!documentId || !accountId || !staffDocumentId)
    console.warn('Could not find a document or account ID on the demo pages: those params get "x" (404s).');
  const probes: Probe[] = [];
  for (const route of listRouteFiles()) {
    const cookie = route.side === "portal" ? customer : route.side === "staff" ? staff : undefined;
    const values = {
      accountId: accountId ?? "x",
      documentId: (route.side === "staff" ? staffDocumentId : documentId) ?? "x",
      token: "a".repeat(43),
      format: "csv",
    };
    probes.push(...probesFor(route, values, cookie));
    if (route.side === "public") probes.push(...probesFor(route, values, customer).filter((p) => p.method === "POST"));
  }

  const counts = new Map<number, number>();
  const byKind = new Map<string, Map<number, number>>();
  const fiveHundreds: string[] = [];
  const guardOnly: string[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < probes.length) {
        const probe = probes[next++];
        const status = await send(probe);
        counts.set(status, (counts.get(status) ?? 0) + 1);
        const kind = byKind.get(probe.kind) ?? new Map<number, number>();
        kind.set(status, (kind.get(status) ?? 0) + 1);
        byKind.set(probe.kind, kind);
        if (status >= 500) {
          const line = `${status} ${probe.method} ${probe.path.slice(0, 120)} [${probe.kind}]`;
          (probe.kind === "cross-origin POST" ? guardOnly : fiveHundreds).push(line);
        }
      }
    }),
  );

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${probes.length} requests to ${BASE} in ${seconds} s`);
  console.log("status  count");
  for (const [status, count] of [...counts].sort((a, b) => a[0] - b[0]))
    console.log(`${String(status || "reset").padEnd(7)} ${count}`);
  console.log("\nby kind (status×count)");
  for (const [kind, statuses] of [...byKind].sort())
    console.log(
      `  ${kind.padEnd(32)} ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, c]) => `${s || "reset"}×${c}`)
        .join("  ")}`,
    );
  if (guardOnly.length > 0)
    console.log(
      `\n${guardOnly.length} cross-origin document POSTs answered 5xx: Remix's own refusal; mount originGuard() (server/origin-guard.mjs) in front of Remix to answer them 403.`,
    );
  if (fiveHundreds.length > 0) {
    console.log(`\n${fiveHundreds.length} other answers of 5xx:`);
    for (const line of fiveHundreds.slice(0, 100)) console.log(`  ${line}`);
    process.exitCode = 1;
  } else console.log("\nno other 5xx");
}

await main();
