import { relations } from "drizzle-orm";
import {
  accountGrants,
  applications,
  auditEvents,
  customerAccounts,
  customerGroups,
  documentFiles,
  documents,
  invoiceLines,
  remissions,
  sellers,
  sessions,
  storedFiles,
  users,
  zones,
} from "./schema";

export const sellersRelations = relations(sellers, ({ many }) => ({
  zones: many(zones),
  accounts: many(customerAccounts),
}));
export const zonesRelations = relations(zones, ({ one, many }) => ({
  seller: one(sellers, { fields: [zones.sellerId], references: [sellers.id] }),
  accounts: many(customerAccounts),
}));
export const customerGroupsRelations = relations(customerGroups, ({ many }) => ({ accounts: many(customerAccounts) }));
export const customerAccountsRelations = relations(customerAccounts, ({ one, many }) => ({
  seller: one(sellers, { fields: [customerAccounts.sellerId], references: [sellers.id] }),
  group: one(customerGroups, { fields: [customerAccounts.groupId], references: [customerGroups.id] }),
  zone: one(zones, { fields: [customerAccounts.zoneId], references: [zones.id] }),
  collector: one(users, { fields: [customerAccounts.collectorId], references: [users.id] }),
  documents: many(documents),
  grants: many(accountGrants),
}));
export const usersRelations = relations(users, ({ many }) => ({
  grants: many(accountGrants),
  sessions: many(sessions),
}));
export const accountGrantsRelations = relations(accountGrants, ({ one }) => ({
  user: one(users, { fields: [accountGrants.userId], references: [users.id] }),
  account: one(customerAccounts, { fields: [accountGrants.accountId], references: [customerAccounts.id] }),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
export const documentsRelations = relations(documents, ({ one, many }) => ({
  seller: one(sellers, { fields: [documents.sellerId], references: [sellers.id] }),
  account: one(customerAccounts, { fields: [documents.accountId], references: [customerAccounts.id] }),
  lines: many(invoiceLines),
  remissions: many(remissions),
  files: many(documentFiles),
  applicationsAsTarget: many(applications, { relationName: "target" }),
  applicationsAsSource: many(applications, { relationName: "source" }),
}));
export const invoiceLinesRelations = relations(invoiceLines, ({ one }) => ({
  document: one(documents, { fields: [invoiceLines.documentId], references: [documents.id] }),
}));
export const remissionsRelations = relations(remissions, ({ one }) => ({
  invoice: one(documents, { fields: [remissions.invoiceId], references: [documents.id] }),
}));
export const applicationsRelations = relations(applications, ({ one }) => ({
  source: one(documents, { fields: [applications.sourceId], references: [documents.id], relationName: "source" }),
  target: one(documents, { fields: [applications.targetId], references: [documents.id], relationName: "target" }),
}));
export const documentFilesRelations = relations(documentFiles, ({ one }) => ({
  document: one(documents, { fields: [documentFiles.documentId], references: [documents.id] }),
  file: one(storedFiles, { fields: [documentFiles.fileId], references: [storedFiles.id] }),
}));
export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  actor: one(users, { fields: [auditEvents.actorId], references: [users.id] }),
}));
