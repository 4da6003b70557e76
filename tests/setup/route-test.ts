// Test APIs with fixtures. `databaseTest` instead of vitest's `test` gives the file its own migrated
// database (`database`, its `db`) and a seller to create accounts in (`seller`). `routeTest`, for tests that call loaders and actions, adds to it a real SMTP mailbox the
// app then sends to, a seller to create accounts in, a way to sign anyone in, and, per test, a fresh
// account with a signed-in payer. Everything is closed after the file (background work first).
import { test } from "vitest";
import { settleBackgroundWork } from "~/utils/background.server";
import { type Db, useDatabaseForTests } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer } from "../fixtures/users";
import { signInCookie } from "./routes";
import { type TestMailbox, startTestSmtpServer } from "./smtp";
import { type TestDatabase, createTestDatabase } from "./test-database";

type Preferences = Parameters<typeof signInCookie>[2];
export type Seller = Awaited<ReturnType<typeof createMexicanSeller>>;
type Account = Awaited<ReturnType<typeof createTestAccount>>;
type Customer = Awaited<ReturnType<typeof createTestCustomer>>;

export interface SignedInPayer {
  account: Account;
  user: Customer;
  /** The Cookie header of the payer's session. */
  cookie: string;
}

/** A test file's own migrated database, also the one the loaders and actions it calls use. */
export const databaseTest = test
  // Auto: a route called without a cookie (sign-in, password reset) still needs the file's database.
  .extend("database", { scope: "file", auto: true }, async ({}, { onCleanup }): Promise<TestDatabase> => {
    const database = await createTestDatabase();
    useDatabaseForTests(database);
    onCleanup(async () => {
      await settleBackgroundWork();
      await database.close();
    });
    return database;
  })
  .extend("db", { scope: "file" }, async ({ database }): Promise<Db> => database.db)
  // The file's seller (Mexican, with its staff and calendar), to create accounts in.
  .extend("seller", { scope: "file" }, async ({ db }): Promise<Seller> => createMexicanSeller(db));

export const routeTest = databaseTest
  // Asking for the mailbox points the app's email at it (SMTP_URL) for the rest of the file.
  .extend("mailbox", { scope: "file" }, async ({}, { onCleanup }): Promise<TestMailbox> => {
    const mailbox = await startTestSmtpServer();
    process.env.SMTP_URL = mailbox.url;
    onCleanup(async () => {
      // Emails still being sent in the background (invitations, resets) arrive before it closes.
      await settleBackgroundWork();
      delete process.env.SMTP_URL;
      await mailbox.close();
    });
    return mailbox;
  })
  .extend(
    "signIn",
    { scope: "file" },
    async ({ db }) =>
      (user: { id: string }, preferences?: Preferences): Promise<string> =>
        signInCookie(db, user.id, preferences),
  )
  .extend("payer", async ({ db, seller, signIn }): Promise<SignedInPayer> => {
    const account = await createTestAccount(db, seller);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
    return { account, user, cookie: await signIn(user) };
  });
