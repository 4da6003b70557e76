// Malformed requests through every route module under app/routes, enumerated from the directory so a
// new route is covered without touching this file: NUL bytes, control characters and over-long values
// in every path param and in every query param the pages read; keyset cursors carrying NUL; bodies that
// are not forms (JSON, text, XML, broken multipart, none) and oversized ones; CR/LF in redirectTo; a
// foreign or unparsable Origin. None of them may answer 500 (a thrown error counts as one, as it does
// in Remix). The targeted tests at the end pin the exact answer of each of the five causes.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { paymentAttempts } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { storeClaimAttachments } from "~/domain/claims/store-claim-attachments.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { registerPayment } from "~/domain/payments/register-payment.server";
import { prepareReconciliation } from "~/domain/signing/prepare-reconciliation.server";
import { sendEnvelope } from "~/domain/signing/send-envelope.server";
import { type Db } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { issuePpdInvoice } from "../fixtures/payment-registrations";
import { TEST_PASSWORD, createTestCustomer, createTestStaff } from "../fixtures/users";
import { type RouteFile, listRouteFiles, routePath } from "../setup/route-files";
import { routeTest } from "../setup/route-test";
import { BASE, signInCookie } from "../setup/routes";

// What these requests exercise is the parsing at the edge, not rendering or mail: PDFs and emails are stubbed.
vi.mock("~/domain/documents/render-invoice-pdf.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderInvoicePdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
}));
vi.mock("~/domain/statements/pdf/render-statement-pdf.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderStatementPdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
}));
vi.mock("~/domain/payments/render-payment-pdf.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderPaymentPdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
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
/** A route that has not answered by then never will: it counts as a failure (named), not a stalled sweep. */
const ANSWER_WITHIN_MS = 30_000;

async function invoke(handler: Handler, request: Request, params: Record<string, string>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 500, error: new Error(`no answer within ${ANSWER_WITHIN_MS} ms`) }),
      ANSWER_WITHIN_MS,
    );
  });
  try {
    return await Promise.race([answer(handler, request, params), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(handler: Handler, request: Request, params: Record<string, string>): Promise<Outcome> {
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
  return [NUL, `${valid}${NUL}`, "a".repeat(65), "a".repeat(5000), `${valid}\r\n\u0001\u007f`];
}

/** Every query param a page reads somewhere (filters, cursors, period, search, redirects). */
const QUERY_PARAMS = [
  "q",
  "code",
  // The staff claims queue (staff+/claims._index) and its SLA dashboard (staff+/claims.dashboard).
  "view",
  "type",
  "level",
  "sla",
  "segment",
  "zone",
  "ageMin",
  "ageMax",
  "period",
  "account",
  "status",
  "aging",
  "dueWithin",
  "exportTooLarge",
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
  // eslint-disable-next-line no-control-regex
  if (outcome.location) expect(outcome.location, label).not.toMatch(/[\r\n\u0000]/);
  if (outcome.location?.startsWith("/login")) cookies.clear();
}

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
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
  // Account B holds the payment pages' registration (its invoice would change A's lists); the customer reaches both.
  const accountB = await createTestAccount(db, org);
  customer = await createTestCustomer(db, [
    { accountId: accountA.id, role: "account_admin" },
    { accountId: accountB.id, role: "payer" },
  ]);
  bystander = await createTestCustomer(db, [{ accountId: accountA.id, role: "viewer" }]);
  loginUser = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
  staff = await createTestStaff(db, "admin");
  // A claim of account A, for the claim pages (portal+/claims.*, staff+/claims.*).
  const claim = await raiseClaim(
    db,
    { userId: customer.id, label: customer.email },
    { accountId: accountA.id, type: "other", origin: "general", description: "Aclaración del barrido" },
    { now: new Date() },
  );
  // A registered payment of account B, confirmed (so it has a REP), for the payment pages.
  const oldest = await issuePpdInvoice(db, accountB.id, 2, "2026-10-01", "2026-10-31");
  const registration = await registerPayment(
    db,
    { userId: customer.id, label: customer.email },
    {
      accountId: accountB.id,
      method: "spei",
      paidOn: "2026-11-02",
      amount: "100.00",
      currency: "MXN",
      bank: "BBVA",
      reference: "BARRIDO-1",
      allocations: [{ documentId: oldest.id, amount: "100.00" }],
      proof: null,
      staffEntered: false,
    },
    { now: new Date() },
  );
  const confirmed = await confirmPayment(
    db,
    { userId: staff.id, label: "staff" },
    { registrationId: registration.id, version: 1, now: new Date() },
  );
  // Its evidence file, for the attachment downloads (portal+/claims.$claimId_.attachments.$attachmentId, staff twin).
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const [attachment] = await storeClaimAttachments(
    db,
    { userId: customer.id, label: customer.email },
    {
      claimId: claim.id,
      accountId: accountA.id,
      messageId: null,
      files: [
        {
          fieldName: "evidence",
          fileName: "foto.png",
          mediaType: "image/png",
          sha256: "0".repeat(64),
          size: 16,
          bytes: png,
        },
      ],
      now: new Date(),
    },
  );
  // A card payment attempt of account A, with card payments on and Stripe's API unreachable (the
  // pages must still answer: a refused connection is not a 500).
  process.env.STRIPE_SECRET_KEY = "sk_test_sweep";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_sweep";
  process.env.STRIPE_API_URL = "http://127.0.0.1:9";
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({
      accountId: accountA.id,
      currency: "MXN",
      amount: "10.00",
      createdById: customer.id,
      stripeSessionId: "cs_test_sweep",
      checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_sweep",
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .returning({ id: paymentAttempts.id });
  // A reconciliation of account A sent to its signers, for the reconciliation pages (portal+, staff+).
  const envelope = await prepareReconciliation(
    db,
    { userId: staff.id, label: "staff" },
    { accountId: accountA.id, cutoffDate: "2026-11-30", message: "Barrido" },
    { now: new Date("2026-12-02T12:00:00-06:00") },
  );
  await sendEnvelope(
    db,
    { userId: staff.id, label: "staff" },
    { envelopeId: envelope.id, accountIds: [accountA.id], baseUrl: BASE },
    { now: new Date() },
  );
  validParams = {
    accountId: accountA.id,
    documentId: documentA,
    claimId: claim.id,
    envelopeId: envelope.id,
    registrationId: registration.id,
    receiptId: confirmed.receiptId ?? "x",
    attachmentId: attachment.id,
    attemptId: attempt.id,
    token: "a".repeat(43),
    format: "csv",
  };
  routes = [];
  for (const route of listRouteFiles()) {
    const module = (await import(route.file)) as RouteModule;
    if (module.loader || module.action) routes.push({ ...route, module });
  }
});
beforeEach(() => {
  failures.length = 0;
});
afterAll(() => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) delete process.env[key];
});

// Sweeps send thousands of requests: on a loaded 2-core machine one took 32 s, past the 30 s default.
describe("every route under app/routes", { timeout: 600_000 }, () => {
  it("finds the route modules with loaders or actions", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => r.segments.join("."))).toContain("portal.documents.$documentId");
    for (const claimRoute of [
      "portal.claims.$claimId",
      "portal.claims.new",
      "staff.claims.$claimId",
      "staff.claims._index",
      "staff.claims.dashboard",
      "staff.tasks",
      "portal.claims.$claimId_.attachments.$attachmentId",
      "staff.claims.$claimId_.attachments.$attachmentId",
      "portal.payments_.card",
      "portal.payments_.card_.$attemptId",
      "resources.stripe.webhook",
    ])
      expect(routes.map((r) => r.segments.join("."))).toContain(claimRoute);
    for (const signingRoute of [
      "portal.reconciliations.$envelopeId",
      "portal.reconciliations.$envelopeId_.pdf",
      "staff.accounts.$accountId.reconciliations.$envelopeId",
      "staff.reconciliations",
      "_auth.verify",
      "portal.minutes._index",
      "portal.minutes.$envelopeId",
      "portal.minutes.$envelopeId_.pdf",
      "staff.accounts.$accountId.minutes._index",
      "staff.accounts.$accountId.minutes.new",
      "staff.accounts.$accountId.minutes.$envelopeId",
      "staff.accounts.$accountId.minutes.$envelopeId_.pdf",
      "staff.signing-settings",
    ])
      expect(routes.map((r) => r.segments.join("."))).toContain(signingRoute);
    for (const paymentRoute of [
      "portal.payments_.new",
      "portal.payments_.registrations.$registrationId",
      "portal.payments_.registrations.$registrationId_.receipt",
      "portal.payments_.reps.$receiptId.$format",
      "staff.payments.$registrationId",
      "staff.payments.reps.$receiptId.$format",
      "staff.cheques._index",
      "staff.cheques.pickups",
      "portal.payments_.pickups",
    ])
      expect(routes.map((r) => r.segments.join("."))).toContain(paymentRoute);
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
      bad.forEach((c, i) => cursors.push({ sort, [i % 2 === 0 ? "after" : "before"]: c }));
    }
    // The claims queue's cursors: [queue key, id].
    for (const c of [
      cursor([`2026-11-20T18:00:00.000000Z${NUL}`, documentA]),
      cursor(["infinity", `${documentA}${NUL}`]),
      cursor(["-infinity", documentA]),
      cursor(["9999-99-99T99:99:99.999999Z", documentA]),
      cursor([1, 2, 3]),
    ])
      cursors.push({ view: "all", after: c }, { view: "all", before: c });
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
      taskId: "",
    };
    const intents = ["", "invite", "change-role", "revoke", "email", "logout-all", "retry"];
    // `grid`: one field with NUL under each intent; sent as the route's first caller only.
    const bodies: { label: string; spec: Omit<RequestSpec, "path" | "cookie">; grid?: boolean }[] = [
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
          grid: true,
        });
      bodies.push({ label: `over-long id (${intent})`, spec: { form: { ...valid, id: "a".repeat(65) } } });
      bodies.push({ label: `over-long userId (${intent})`, spec: { form: { ...valid, userId: "a".repeat(65) } } });
    }
    for (const route of routes) {
      if (!route.module.action) continue;
      const params = paramsFor(route);
      for (const who of callersOf(route)) {
        for (const { label, spec, grid } of bodies) {
          if (grid && who !== callersOf(route)[0]) continue;
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

describe("the five causes, answer by answer", () => {
  const route = (id: string) => {
    const found = routes.find((r) => r.id === id);
    if (!found) throw new Error(`no route ${id}`);
    return found.module;
  };
  const run = async (id: string, kind: "loader" | "action", spec: RequestSpec, params: Record<string, string> = {}) =>
    invoke(route(id)[kind]!, makeRequest(spec), params);
  const data = async (id: string, spec: RequestSpec, params: Record<string, string> = {}) =>
    (await route(id).loader!({ request: makeRequest(spec), params, context: {} })) as Record<string, unknown>;

  it("NUL in an ID answers 404 like an unknown ID; in search text or a cursor it is ignored", async () => {
    const cookie = await cookieFor("customer");
    const staffCookie = await cookieFor("staff");
    for (const id of [
      "portal.documents.$documentId",
      "portal.documents.$documentId_.pdf",
      "portal.documents.$documentId_.xml",
    ]) {
      const outcome = await run(
        id,
        "loader",
        { path: "/portal/documents/x", cookie },
        { documentId: `${documentA}${NUL}` },
      );
      expect(outcome.status, id).toBe(404);
    }
    const staffAccount = await run(
      "staff.accounts.$accountId",
      "loader",
      { path: "/staff/accounts/x", cookie: staffCookie },
      { accountId: `${accountA.id}${NUL}` },
    );
    expect(staffAccount.status).toBe(404);

    const list = await data("portal.invoices", { path: `/portal/invoices?q=${encodeURIComponent(`A${NUL}`)}`, cookie });
    expect(list.invalidFilters).toBe(true);
    expect((list.result as { rows: unknown[] }).rows.length).toBe(1);
    const tampered = cursor(["issue_date", ["2026-10-01"], `${documentA}${NUL}`]);
    const paged = await data("portal.invoices", { path: `/portal/invoices?after=${tampered}`, cookie });
    expect(paged.invalidFilters).toBe(false);
    expect((paged.result as { rows: unknown[] }).rows.length).toBe(1);

    const search = await data("staff._index", {
      path: `/staff?q=${encodeURIComponent(`Cliente${NUL}`)}`,
      cookie: staffCookie,
    });
    expect(search.q).toBe("");
  });

  it("a ZIP ID over 64 characters is left out like an unknown one: 404 when nothing is left", async () => {
    // A user of its own: the sweeps above spent the customer's ZIP budget (rate limits answer 429).
    const zipper = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
    const cookie = await signInCookie(db, zipper.id);
    const zip = (ids: string[]) => {
      const body = new URLSearchParams(ids.map((id) => ["id", id]));
      return run("portal.documents.zip", "action", {
        path: "/portal/documents/zip",
        cookie,
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    };
    expect((await zip(["a".repeat(65)])).status).toBe(404);
    expect((await zip(["a".repeat(65), documentA])).status).toBe(200);
    // NUL never gets that far: a form holding one is refused as a whole.
    expect((await zip([`${documentA}${NUL}`])).status).toBe(400);
  });

  it("a body that is not a form answers 415, a broken one 400, an oversized one 413", async () => {
    const login = (spec: Omit<RequestSpec, "path">) => run("_auth.login", "action", { path: "/login", ...spec });
    for (const [type, body] of [
      ["application/json", '{"email":"a@b.c"}'],
      ["text/plain", "email=a@b.c"],
      ["application/xml", "<email>a@b.c</email>"],
    ]) {
      const outcome = await login({ body, headers: { "Content-Type": type } });
      expect(outcome.status, type).toBe(415);
      expect(outcome.text).toMatch(/^Unsupported media type/);
    }
    expect((await login({ body: new Blob(["email=a@b.c"]) })).status).toBe(415);
    expect((await login({ method: "POST", body: null })).status).toBe(415);
    const broken = await login({
      body: "--x\r\ngarbage",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(broken.status).toBe(400);
    expect((await login({ form: { email: loginUser.email, password: FIVE_MB } })).status).toBe(413);
    expect((await login({ form: { email: loginUser.email, password: `a${NUL}` } })).status).toBe(400);

    // 413 on the declared length, before reading a body that would never end.
    const endless = new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) });
    const declared = new Request(`${BASE}/login`, {
      method: "POST",
      headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "10000000" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect((await invoke(route("_auth.login").action!, declared, {})).status).toBe(413);
    // Without a declared length, reading stops at the cap.
    const chunked = new Request(`${BASE}/login`, {
      method: "POST",
      headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      body: new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) }),
      duplex: "half",
    } as RequestInit);
    expect((await invoke(route("_auth.login").action!, chunked, {})).status).toBe(413);
  });

  it("CR/LF in redirectTo: sign-in, language and account switch redirect to their fallback", async () => {
    const evil = "/portal/invoices\r\nSet-Cookie: evil=1";
    const signIn = await run("_auth.login", "action", {
      path: "/login",
      form: { email: loginUser.email, password: TEST_PASSWORD, redirectTo: evil },
    });
    expect(signIn.status).toBe(302);
    expect(signIn.location).toBe("/portal");
    const language = await run("language", "action", { path: "/language", form: { language: "en", redirectTo: evil } });
    expect(language.location).toBe("/");
    const switched = await run("portal.switch", "action", {
      path: "/portal/switch",
      cookie: await cookieFor("customer"),
      form: { selection: accountA.id, redirectTo: evil },
    });
    expect(switched.location).toBe("/portal");
  });

  it("a foreign or unparsable Origin on an action answers 403 with a text", async () => {
    for (const origin of ["https://evil.example", "not a url", "null"]) {
      const outcome = await run("_auth.login", "action", {
        path: "/login",
        origin,
        form: { email: loginUser.email, password: TEST_PASSWORD },
      });
      expect(outcome.status, origin).toBe(403);
      expect(outcome.text).toMatch(/^Forbidden/);
    }
  });
});
