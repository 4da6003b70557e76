// Malformed requests through every route module under app/routes, enumerated from the directory so a
// new route is covered without touching this file: NUL bytes, control characters and over-long values
// in every path param and in every query param the pages read; keyset cursors carrying NUL; bodies that
// are not forms (JSON, text, XML, broken multipart, none) and oversized ones; CR/LF in redirectTo; a
// foreign or unparsable Origin. None of them may answer 500 (a thrown error counts as one, as it does
// in Remix). The targeted tests at the end pin the exact answer of each of the five causes.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { type Db, useDatabaseForTests } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";
import { BASE, signInCookie } from "../setup/routes";
import { type RouteFile, listRouteFiles, routePath } from "../setup/route-files";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { TEST_PASSWORD, createTestCustomer, createTestStaff } from "../fixtures/users";

// What these requests exercise is the parsing at the edge, not rendering or mail: PDFs and emails are stubbed.
vi.mock("~/domain/invoices/render-invoice-pdf.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderInvoicePdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
}));
vi.mock("~/domain/statements/pdf/render-statement-pdf.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderStatementPdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
}));
vi.mock("~/utils/email.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendEmail: async () => ({ messageId: "stub" }),
}));

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}
type Route = RouteFile & { module: RouteModule };
interface Outcome {
  status: number;
  location?: string | null;
  text?: string;
  error?: unknown;
}

/** Calls a loader or action as Remix would: a thrown Response is the answer, any other throw is a 500. */
async function invoke(handler: Handler, request: Request, params: Record<string, string>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await handler({ request, params, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) return { status: 500, error: thrown };
    result = thrown;
  }
  if (result instanceof Response) {
    const outcome: Outcome = { status: result.status, location: result.headers.get("location") };
    // The whole body is read: a stream (the ZIP) may fail after its headers.
    try {
      outcome.text = await result.text();
    } catch (error) {
      return { status: 500, error };
    }
    return outcome;
  }
  const maybe = result as { type?: string; init?: { status?: number } | null } | null;
  if (maybe && maybe.type === "DataWithResponseInit") return { status: maybe.init?.status ?? 200 };
  return { status: 200 };
}

interface RequestSpec {
  method?: "GET" | "POST";
  path: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** A form (urlencoded), or a raw body with its own Content-Type header (or none). */
  form?: Record<string, string>;
  body?: BodyInit | null;
  origin?: string | null;
}

function makeRequest(spec: RequestSpec): Request {
  const method = spec.method ?? (spec.form || spec.body !== undefined ? "POST" : "GET");
  const headers = new Headers({ Host: new URL(BASE).host });
  const origin = spec.origin === undefined ? BASE : spec.origin;
  if (origin !== null) headers.set("Origin", origin);
  if (spec.cookie) headers.set("Cookie", spec.cookie);
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers.set(k, v);
  const body = spec.form ? new URLSearchParams(spec.form) : (spec.body ?? undefined);
  return new Request(`${BASE}${spec.path}`, { method, headers, body });
}

const NUL = "\u0000";
const FIVE_MB = "x".repeat(5 * 1024 * 1024);
/** Base64url keyset cursors shaped like list-documents' own, carrying NUL in the sort value or the row ID. */
const cursor = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");

let database: TestDatabase;
let db: Db;
let routes: Route[];
let accountA: { id: string };
let documentA: string;
let customer: { id: string; email: string };
let bystander: { id: string; email: string };
let staff: { id: string };
let loginUser: { email: string };
/** Valid values for each path param (a param this file does not know gets "x"). */
let validParams: Record<string, string>;

/** Session cookies, one per user, replaced after any answer sending to /login (a logout ends them). */
const cookies = new Map<string, string>();
async function cookieFor(who: "customer" | "staff" | "anonymous"): Promise<string | undefined> {
  if (who === "anonymous") return undefined;
  let cookie = cookies.get(who);
  if (!cookie) {
    cookie = await signInCookie(db, who === "customer" ? customer.id : staff.id, { language: "en" });
    cookies.set(who, cookie);
  }
  return cookie;
}

/** Who calls a route: the signed-in user of its side; public routes both anonymously and signed in. */
function callersOf(route: Route): ("customer" | "staff" | "anonymous")[] {
  if (route.side === "portal") return ["customer"];
  if (route.side === "staff") return ["staff"];
  return ["anonymous", "customer"];
}

function paramsFor(route: Route, overrides: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(route.params.map((p) => [p, overrides[p] ?? validParams[p] ?? "x"]));
}

/** Values for a path or query param that must never reach the database as they are. */
function badValues(valid: string): string[] {
  return [
    NUL,
    `${valid}${NUL}`,
    `${NUL}${valid}`,
    "a".repeat(65),
    "a".repeat(5000),
    `${valid}\r\n`,
    "\u0001\u001f\u007f",
  ];
}

/** Every query param a page reads somewhere (filters, cursors, period, search, redirects). */
const QUERY_PARAMS = [
  "q",
  "account",
  "status",
  "currency",
  "issuedFrom",
  "issuedTo",
  "dueFrom",
  "dueTo",
  "amountMin",
  "amountMax",
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
];

/**
 * The query params a loader reads, found by calling it once with every known param set to a plausible
 * value while URLSearchParams is watched: `get`/`getAll`/`has` name a param; iterating reads them all.
 */
async function queryNamesRead(
  loader: Handler,
  pathname: string,
  params: Record<string, string>,
  cookie: string | undefined,
): Promise<string[]> {
  const names = new Set<string>();
  let iterated = false;
  const proto = URLSearchParams.prototype;
  const originals = {
    get: proto.get,
    getAll: proto.getAll,
    has: proto.has,
    entries: proto.entries,
    keys: proto.keys,
    forEach: proto.forEach,
    iterator: proto[Symbol.iterator],
  };
  proto.get = function (this: URLSearchParams, name: string) {
    names.add(name);
    return originals.get.call(this, name);
  };
  proto.getAll = function (this: URLSearchParams, name: string) {
    names.add(name);
    return originals.getAll.call(this, name);
  };
  proto.has = function (this: URLSearchParams, name: string, value?: string) {
    names.add(name);
    return value === undefined ? originals.has.call(this, name) : originals.has.call(this, name, value);
  };
  const iterating = <F extends (...args: never[]) => unknown>(original: F) =>
    function (this: URLSearchParams, ...args: Parameters<F>) {
      iterated = true;
      return original.apply(this, args) as ReturnType<F>;
    };
  proto.entries = iterating(originals.entries);
  proto.keys = iterating(originals.keys);
  proto.forEach = iterating(originals.forEach);
  proto[Symbol.iterator] = iterating(originals.iterator);
  try {
    const probe = new URLSearchParams({
      q: "A-1",
      account: accountA.id,
      status: "open",
      sort: "folio",
      dir: "asc",
      from: "2026-10-01",
      to: "2026-10-31",
      page: "1",
    });
    await invoke(loader, makeRequest({ path: `${pathname}?${probe}`, cookie }), params);
  } finally {
    Object.assign(proto, {
      get: originals.get,
      getAll: originals.getAll,
      has: originals.has,
      entries: originals.entries,
      keys: originals.keys,
      forEach: originals.forEach,
    });
    proto[Symbol.iterator] = originals.iterator;
  }
  return iterated ? [...new Set([...QUERY_PARAMS, ...names])] : [...names];
}

const failures: string[] = [];
function expectNo500(label: string, outcome: Outcome) {
  if (outcome.status >= 500) {
    const why = outcome.error instanceof Error ? outcome.error.message.split("\n")[0] : String(outcome.error ?? "");
    failures.push(`${label} → ${outcome.status} ${why.slice(0, 160)}`);
  }
  if (outcome.location) expect(outcome.location, label).not.toMatch(/[\r\n\u0000]/);
  if (outcome.location?.startsWith("/login")) cookies.clear();
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  useDatabaseForTests(database);
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org);
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId: accountA.id,
      kind: "invoice",
      series: "A",
      folio: "101",
      issueDate: "2026-10-01",
      currency: "MXN",
      amount: "1000.00",
      purchaseOrder: "PO-1",
    },
  ]);
  documentA = doc.id;
  customer = await createTestCustomer(db, [{ accountId: accountA.id, role: "account_admin" }]);
  bystander = await createTestCustomer(db, [{ accountId: accountA.id, role: "viewer" }]);
  loginUser = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
  staff = await createTestStaff(db, "admin");
  validParams = { accountId: accountA.id, documentId: documentA, token: "a".repeat(43), format: "csv" };
  routes = [];
  for (const route of listRouteFiles()) {
    const module = (await import(route.file)) as RouteModule;
    if (module.loader || module.action) routes.push({ ...route, module });
  }
});
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  failures.length = 0;
});

describe("every route under app/routes", () => {
  it("finds the route modules with loaders or actions", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => r.segments.join("."))).toContain("portal.documents.$documentId");
  });

  it("answers < 500 to malformed path params", async () => {
    for (const route of routes) {
      for (const param of route.params) {
        for (const bad of badValues(validParams[param] ?? "x")) {
          const params = paramsFor(route, { [param]: bad });
          for (const who of callersOf(route)) {
            const cookie = await cookieFor(who);
            const label = `${route.id} ${who} :${param}=${JSON.stringify(bad.slice(0, 40))}`;
            if (route.module.loader)
              expectNo500(
                `loader ${label}`,
                await invoke(route.module.loader, makeRequest({ path: routePath(route, params), cookie }), params),
              );
            if (route.module.action)
              expectNo500(
                `action ${label}`,
                await invoke(
                  route.module.action,
                  makeRequest({ path: routePath(route, params), cookie, form: { intent: "email", id: documentA } }),
                  params,
                ),
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers < 500 to malformed query params, keyset cursors included", async () => {
    const cursors: Record<string, string>[] = [];
    for (const sort of ["issue_date", "due_date", "amount", "folio"]) {
      const values = sort === "folio" ? ["A", 3, "101"] : sort === "amount" ? ["1000.00"] : ["2026-10-01"];
      const withNul = sort === "folio" ? [`A${NUL}`, 3, `1${NUL}`] : [`${values[0]}${NUL}`];
      const bad = [
        cursor([sort, values, `${documentA}${NUL}`]),
        cursor([sort, withNul, documentA]),
        cursor([sort, values, "a".repeat(5000)]),
        `${cursor([sort, values, documentA])}${NUL}`,
      ];
      for (const c of bad) for (const key of ["after", "before"]) cursors.push({ sort, [key]: c });
    }
    for (const route of routes) {
      if (!route.module.loader) continue;
      const loader = route.module.loader;
      const params = paramsFor(route);
      for (const who of callersOf(route)) {
        const names = await queryNamesRead(loader, routePath(route, params), params, await cookieFor(who));
        const queries: Record<string, string>[] = [
          // Everything wrong at once, for loaders that read nothing this file knows of.
          Object.fromEntries(QUERY_PARAMS.map((n) => [n, `A-1${NUL}`])),
        ];
        for (const name of names)
          for (const bad of badValues(name === "account" ? accountA.id : "A-1")) queries.push({ [name]: bad });
        if (names.includes("after") || names.includes("before")) queries.push(...cursors);
        for (const query of queries) {
          const search = new URLSearchParams(query).toString();
          const outcome = await invoke(
            loader,
            makeRequest({ path: `${routePath(route, params)}?${search}`, cookie: await cookieFor(who) }),
            params,
          );
          expectNo500(`loader ${route.id} ${who} ?${search.slice(0, 60)}`, outcome);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers < 500 to bodies that are not forms, oversized bodies and NUL in any field", async () => {
    const base: Record<string, string> = {
      intent: "",
      language: "es",
      selection: "",
      redirectTo: "/portal",
      email: "",
      password: TEST_PASSWORD,
      confirm: TEST_PASSWORD,
      name: "Nombre Prueba",
      role: "viewer",
      userId: "",
      id: "",
    };
    const intents = ["", "invite", "change-role", "revoke", "email", "logout-all"];
    const bodies: { label: string; spec: Omit<RequestSpec, "path" | "cookie"> }[] = [
      { label: "json", spec: { body: '{"intent":"email"}', headers: { "Content-Type": "application/json" } } },
      {
        label: "5 MB json",
        spec: { body: JSON.stringify({ x: FIVE_MB }), headers: { "Content-Type": "application/json" } },
      },
      { label: "text/plain", spec: { body: "intent=email", headers: { "Content-Type": "text/plain" } } },
      { label: "xml", spec: { body: "<intent>email</intent>", headers: { "Content-Type": "application/xml" } } },
      {
        label: "broken multipart",
        spec: { body: "--xyz\r\nnot a part", headers: { "Content-Type": "multipart/form-data; boundary=xyz" } },
      },
      {
        label: "multipart without boundary",
        spec: { body: "intent=email", headers: { "Content-Type": "multipart/form-data" } },
      },
      { label: "no content type", spec: { body: new Blob(["intent=email"]) } },
      { label: "no body", spec: { method: "POST", body: null } },
      { label: "5 MB field", spec: { form: { ...base, intent: "email", name: FIVE_MB } } },
      {
        label: "5 MB field, multipart",
        spec: {
          body: (() => {
            const f = new FormData();
            f.set("intent", "email");
            f.set("name", FIVE_MB);
            return f;
          })(),
        },
      },
      {
        label: "multipart with NUL",
        spec: {
          body: (() => {
            const f = new FormData();
            f.set("intent", "invite");
            f.set("email", `a${NUL}@example.test`);
            f.set("id", `${documentA}${NUL}`);
            f.set("userId", `${bystander.id}${NUL}`);
            return f;
          })(),
        },
      },
      {
        label: "multipart with a file",
        spec: {
          body: (() => {
            const f = new FormData();
            f.set("intent", "email");
            f.set("id", new File(["x"], "x.txt"));
            return f;
          })(),
        },
      },
      { label: "foreign origin", spec: { form: { ...base, intent: "email" }, origin: "https://evil.example" } },
      { label: "unparsable origin", spec: { form: { ...base, intent: "email" }, origin: "not a url" } },
      { label: "origin null", spec: { form: { ...base, intent: "email" }, origin: "null" } },
    ];
    for (const intent of intents) {
      const valid: Record<string, string> = { ...base, intent };
      bodies.push({
        label: `CR/LF in redirectTo (${intent})`,
        spec: { form: { ...valid, redirectTo: "/portal\r\nX-A: b" } },
      });
      for (const field of Object.keys(base))
        bodies.push({
          label: `NUL in ${field} (${intent})`,
          spec: { form: { ...valid, [field]: `${valid[field]}${NUL}` } },
        });
      bodies.push({ label: `over-long id (${intent})`, spec: { form: { ...valid, id: "a".repeat(65) } } });
      bodies.push({ label: `over-long userId (${intent})`, spec: { form: { ...valid, userId: "a".repeat(65) } } });
    }
    for (const route of routes) {
      if (!route.module.action) continue;
      const params = paramsFor(route);
      for (const who of callersOf(route)) {
        for (const { label, spec } of bodies) {
          // Fields that need a valid value of this caller (own account, a real user, own credentials).
          const form = spec.form && {
            ...spec.form,
            selection: spec.form.selection || accountA.id,
            id: spec.form.id || documentA,
            userId: spec.form.userId || bystander.id,
            email: spec.form.email || (route.segments.includes("_auth") ? loginUser.email : "invitado@example.test"),
          };
          const cookie = await cookieFor(who);
          const outcome = await invoke(
            route.module.action,
            makeRequest({ ...spec, form, path: routePath(route, params), cookie }),
            params,
          );
          expectNo500(`action ${route.id} ${who} ${label}`, outcome);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
