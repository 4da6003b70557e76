// Delivers one queued claim email (queue-claim-emails.server.ts): the sweeper's handler for
// CLAIM_EMAIL_TASK. It re-reads the claim and the recipient when it runs, writes in the recipient's
// language (its saved preference, else Spanish) with dates in the account's time zone, and links to
// the claim on the configured APP_URL (never a request's Host). A recipient who is disabled, or a
// customer who no longer holds a grant on the claim's account, gets nothing. A failed send throws, so
// the task is retried with backoff (at least once: a crash between sending and marking the task done
// can send a mail twice, never lose it).
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accountGrants, claims, customerAccounts, sellers, users } from "#db/schema";
import { ClaimEmail } from "#emails/claim-email";
import type { Currency } from "~/domain/vocabulary";
import type { TaskHandler } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { appBaseUrl } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, formattingLocale, getFixedT } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { CLAIM_EMAIL_EVENTS, type ClaimEmailEvent } from "./queue-claim-emails.server";

const PayloadSchema = z.object({
  claimId: z.string(),
  event: z.enum(CLAIM_EMAIL_EVENTS),
  recipientId: z.string(),
});

// The events each side has copy for (queue-claim-emails.server.ts sends each side only these).
const CUSTOMER_COPY = ["received", "replied", "info_requested", "escalated", "resolved"] as const;
const STAFF_COPY = ["received", "assigned", "escalated", "customer_answered", "reopened"] as const;

function copyKey(audience: "customer" | "staff", event: ClaimEmailEvent) {
  if (audience === "customer") {
    const e = CUSTOMER_COPY.find((c) => c === event);
    return e ? (`email.claim.customer.${e}` as const) : null;
  }
  const e = STAFF_COPY.find((c) => c === event);
  return e ? (`email.claim.staff.${e}` as const) : null;
}

/** The claim's page for this recipient: the portal's for customers, the queue's for staff. */
export function claimLink(kind: "customer" | "staff", claimId: string, baseUrl = appBaseUrl()): string {
  return `${baseUrl}/${kind === "customer" ? "portal" : "staff"}/claims/${claimId}`;
}

async function loadEmailContext(db: DbOrTx, claimId: string, recipientId: string) {
  const [row] = await db
    .select({
      claim: claims,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      country: sellers.country,
      timeZone: sellers.timeZone,
      currency: sql<Currency | null>`(select min(cd.currency::text) from claim_documents cd where cd.claim_id = ${claims.id})`,
    })
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .innerJoin(sellers, eq(sellers.id, claims.sellerId))
    .where(eq(claims.id, claimId));
  if (!row) return null;
  const [recipient] = await db
    .select({
      email: users.email,
      kind: users.kind,
      language: users.language,
      disabledAt: users.disabledAt,
      granted: sql<boolean>`exists (select 1 from ${accountGrants} g where g.user_id = ${users.id} and g.account_id = ${row.claim.accountId})`,
    })
    .from(users)
    .where(and(eq(users.id, recipientId)));
  if (!recipient || recipient.disabledAt) return null;
  if (recipient.kind === "customer" && !recipient.granted) return null;
  return { ...row, recipient };
}

export async function sendClaimEmail(
  db: DbOrTx,
  input: { claimId: string; event: ClaimEmailEvent; recipientId: string },
) {
  const context = await loadEmailContext(db, input.claimId, input.recipientId);
  if (!context) return null;
  const { claim, recipient } = context;
  const language = recipient.language ?? DEFAULT_LANGUAGE;
  const locale = formattingLocale(language, context.country);
  const t = getFixedT(language);
  const audience = recipient.kind === "customer" ? "customer" : "staff";
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: context.timeZone,
    dateStyle: "long",
    timeStyle: "short",
  });
  const vars = {
    number: claim.number,
    type: t(`claims.types.${claim.type}`),
    account: `${context.accountName} (${context.accountNumber})`,
    level: claim.level,
  };
  const key = copyKey(audience, input.event);
  if (!key) return null;
  const lines = [t(`${key}.body`, vars)];
  if (claim.status === "open" && claim.dueAt) lines.push(t("email.claim.due", { date: format.format(claim.dueAt) }));
  if (claim.status === "waiting_on_customer") lines.push(t(`email.claim.paused.${audience}`));
  if (input.event === "resolved" && claim.resolution) {
    lines.push(t("email.claim.resolution", { resolution: t(`claims.resolutions.${claim.resolution}`) }));
    if (claim.acceptedAmount && context.currency)
      lines.push(
        t("email.claim.acceptedAmount", { amount: formatMoney(claim.acceptedAmount, context.currency, locale) }),
      );
  }
  const link = claimLink(audience, claim.id);
  return sendEmail({
    to: recipient.email,
    subject: t(`${key}.subject`, vars),
    react: (
      <ClaimEmail
        t={t}
        language={language}
        heading={t("claims.number", { number: claim.number })}
        lines={lines}
        cta={t("email.claim.cta")}
        link={link}
      />
    ),
  });
}

/** The sweeper's handler for CLAIM_EMAIL_TASK. */
export const handleClaimEmailDue: TaskHandler = async (tx, payload) => {
  await sendClaimEmail(tx, PayloadSchema.parse(payload));
};
