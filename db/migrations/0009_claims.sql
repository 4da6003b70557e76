CREATE TYPE "public"."claim_level" AS ENUM('L1', 'L2', 'L3');--> statement-breakpoint
CREATE TYPE "public"."claim_message_kind" AS ENUM('customer_message', 'staff_reply', 'info_request', 'internal_note');--> statement-breakpoint
CREATE TYPE "public"."claim_origin" AS ENUM('invoice', 'lines', 'note', 'payment', 'general');--> statement-breakpoint
CREATE TYPE "public"."claim_resolution" AS ENUM('accepted_full', 'accepted_partial', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('open', 'waiting_on_customer', 'resolved', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."claim_type" AS ENUM('price_difference', 'quantity_or_remission', 'damaged_or_returned', 'duplicate_charge', 'rebate_not_applied', 'credit_note_missing', 'reinvoicing', 'payment_not_applied', 'other');--> statement-breakpoint
CREATE TYPE "public"."scheduled_task_status" AS ENUM('pending', 'running', 'done', 'dead', 'cancelled');--> statement-breakpoint
CREATE TABLE "claim_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"message_id" text,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"content" "bytea",
	"storage_key" text,
	"uploaded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_attachments_stored" CHECK ("claim_attachments"."content" is not null or "claim_attachments"."storage_key" is not null),
	CONSTRAINT "claim_attachments_size_nonneg" CHECK ("claim_attachments"."size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "claim_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"document_id" text NOT NULL,
	"line_id" text,
	"disputed_amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	CONSTRAINT "claim_documents_claim_document_line_uq" UNIQUE NULLS NOT DISTINCT("claim_id","document_id","line_id"),
	CONSTRAINT "claim_documents_amount_positive" CHECK ("claim_documents"."disputed_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "claim_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"author_id" text,
	"kind" "claim_message_kind" NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" text PRIMARY KEY NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "claims_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1),
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"type" "claim_type" NOT NULL,
	"origin" "claim_origin" NOT NULL,
	"status" "claim_status" DEFAULT 'open' NOT NULL,
	"level" "claim_level" DEFAULT 'L1' NOT NULL,
	"owning_area" "staff_area" NOT NULL,
	"description" text NOT NULL,
	"raised_by_id" text NOT NULL,
	"assignee_id" text,
	"due_at" timestamp with time zone,
	"sla_remaining_minutes" integer,
	"level_started_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolution" "claim_resolution",
	"resolution_reason" text,
	"accepted_amount" numeric(18, 2),
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_resolution_when_resolved" CHECK (("claims"."status" = 'resolved') = ("claims"."resolution" is not null)),
	CONSTRAINT "claims_paused_has_remaining" CHECK ("claims"."status" <> 'waiting_on_customer' or "claims"."sla_remaining_minutes" is not null),
	CONSTRAINT "claims_open_has_due" CHECK ("claims"."status" <> 'open' or "claims"."due_at" is not null),
	CONSTRAINT "claims_accepted_amount_nonneg" CHECK ("claims"."accepted_amount" is null or "claims"."accepted_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "public_holidays" (
	"calendar_id" text NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "public_holidays_calendar_id_date_pk" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "scheduled_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text,
	"payload" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "scheduled_task_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"lease_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "scheduled_tasks_attempts" CHECK ("scheduled_tasks"."attempts" >= 0 and "scheduled_tasks"."max_attempts" > 0)
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"level" "claim_level" NOT NULL,
	"claim_type" "claim_type",
	"segment" "segment",
	"business_minutes" integer NOT NULL,
	CONSTRAINT "sla_policies_level_type_segment_uq" UNIQUE NULLS NOT DISTINCT("level","claim_type","segment"),
	CONSTRAINT "sla_policies_minutes_positive" CHECK ("sla_policies"."business_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "working_calendars" (
	"id" text PRIMARY KEY NOT NULL,
	"country" "country" NOT NULL,
	"time_zone" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "working_calendars_country_unique" UNIQUE("country")
);
--> statement-breakpoint
CREATE TABLE "working_hours" (
	"calendar_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"opens_minute" integer NOT NULL,
	"closes_minute" integer NOT NULL,
	CONSTRAINT "working_hours_calendar_id_weekday_opens_minute_pk" PRIMARY KEY("calendar_id","weekday","opens_minute"),
	CONSTRAINT "working_hours_weekday" CHECK ("working_hours"."weekday" between 1 and 7),
	CONSTRAINT "working_hours_interval" CHECK ("working_hours"."opens_minute" >= 0 and "working_hours"."closes_minute" <= 1440 and "working_hours"."opens_minute" < "working_hours"."closes_minute")
);
--> statement-breakpoint
ALTER TABLE "claim_attachments" ADD CONSTRAINT "claim_attachments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_attachments" ADD CONSTRAINT "claim_attachments_message_id_claim_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."claim_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_attachments" ADD CONSTRAINT "claim_attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_documents" ADD CONSTRAINT "claim_documents_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_documents" ADD CONSTRAINT "claim_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_documents" ADD CONSTRAINT "claim_documents_line_id_invoice_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."invoice_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_messages" ADD CONSTRAINT "claim_messages_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_messages" ADD CONSTRAINT "claim_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_raised_by_id_users_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_holidays" ADD CONSTRAINT "public_holidays_calendar_id_working_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."working_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_hours" ADD CONSTRAINT "working_hours_calendar_id_working_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."working_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_attachments_claim_idx" ON "claim_attachments" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_documents_document_idx" ON "claim_documents" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "claim_messages_claim_idx" ON "claim_messages" USING btree ("claim_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_uq" ON "claims" USING btree ("number");--> statement-breakpoint
CREATE INDEX "claims_account_created_idx" ON "claims" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "claims_assignee_status_due_idx" ON "claims" USING btree ("assignee_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "claims_status_due_idx" ON "claims" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "scheduled_tasks_pending_due_idx" ON "scheduled_tasks" USING btree ("due_at") WHERE "scheduled_tasks"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "scheduled_tasks_running_lease_idx" ON "scheduled_tasks" USING btree ("lease_until") WHERE "scheduled_tasks"."status" = 'running';--> statement-breakpoint
CREATE INDEX "scheduled_tasks_subject_idx" ON "scheduled_tasks" USING btree ("subject_id","kind");--> statement-breakpoint
-- Reference data: working calendars, public holidays 2025-2030 (from date-holidays 3.37.0, printed by
-- scripts/claims-reference-sql.ts) and the default SLA policies (16 h L1, 16 h L2, 24 h L3). Editable rows.
INSERT INTO "working_calendars" ("id", "country", "time_zone", "name") VALUES ('cal_mx', 'MX', 'America/Mexico_City', 'México (LFT art. 74)');--> statement-breakpoint
INSERT INTO "working_hours" ("calendar_id", "weekday", "opens_minute", "closes_minute") VALUES ('cal_mx', 1, 540, 1080), ('cal_mx', 2, 540, 1080), ('cal_mx', 3, 540, 1080), ('cal_mx', 4, 540, 1080), ('cal_mx', 5, 540, 1080);--> statement-breakpoint
INSERT INTO "public_holidays" ("calendar_id", "date", "name") VALUES
  ('cal_mx', '2025-01-01', 'Año Nuevo'),
  ('cal_mx', '2025-02-03', 'Día de la Constitución'),
  ('cal_mx', '2025-03-17', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2025-05-01', 'Día del Trabajador'),
  ('cal_mx', '2025-09-16', 'Día de la Independencia'),
  ('cal_mx', '2025-11-17', 'Día de la Revolución'),
  ('cal_mx', '2025-12-25', 'Navidad'),
  ('cal_mx', '2026-01-01', 'Año Nuevo'),
  ('cal_mx', '2026-02-02', 'Día de la Constitución'),
  ('cal_mx', '2026-03-16', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2026-05-01', 'Día del Trabajador'),
  ('cal_mx', '2026-09-16', 'Día de la Independencia'),
  ('cal_mx', '2026-11-16', 'Día de la Revolución'),
  ('cal_mx', '2026-12-25', 'Navidad'),
  ('cal_mx', '2027-01-01', 'Año Nuevo'),
  ('cal_mx', '2027-02-01', 'Día de la Constitución'),
  ('cal_mx', '2027-03-15', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2027-05-01', 'Día del Trabajador'),
  ('cal_mx', '2027-09-16', 'Día de la Independencia'),
  ('cal_mx', '2027-11-15', 'Día de la Revolución'),
  ('cal_mx', '2027-12-25', 'Navidad'),
  ('cal_mx', '2028-01-01', 'Año Nuevo'),
  ('cal_mx', '2028-02-07', 'Día de la Constitución'),
  ('cal_mx', '2028-03-20', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2028-05-01', 'Día del Trabajador'),
  ('cal_mx', '2028-09-16', 'Día de la Independencia'),
  ('cal_mx', '2028-11-20', 'Día de la Revolución'),
  ('cal_mx', '2028-12-25', 'Navidad'),
  ('cal_mx', '2029-01-01', 'Año Nuevo'),
  ('cal_mx', '2029-02-05', 'Día de la Constitución'),
  ('cal_mx', '2029-03-19', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2029-05-01', 'Día del Trabajador'),
  ('cal_mx', '2029-09-16', 'Día de la Independencia'),
  ('cal_mx', '2029-11-19', 'Día de la Revolución'),
  ('cal_mx', '2029-12-25', 'Navidad'),
  ('cal_mx', '2030-01-01', 'Año Nuevo'),
  ('cal_mx', '2030-02-04', 'Día de la Constitución'),
  ('cal_mx', '2030-03-18', 'Natalicio de Benito Juárez'),
  ('cal_mx', '2030-05-01', 'Día del Trabajador'),
  ('cal_mx', '2030-09-16', 'Día de la Independencia'),
  ('cal_mx', '2030-11-18', 'Día de la Revolución'),
  ('cal_mx', '2030-12-01', 'Transmisión del Poder Ejecutivo Federal'),
  ('cal_mx', '2030-12-25', 'Navidad');--> statement-breakpoint
INSERT INTO "working_calendars" ("id", "country", "time_zone", "name") VALUES ('cal_co', 'CO', 'America/Bogota', 'Colombia (Ley 51 de 1983)');--> statement-breakpoint
INSERT INTO "working_hours" ("calendar_id", "weekday", "opens_minute", "closes_minute") VALUES ('cal_co', 1, 480, 1020), ('cal_co', 2, 480, 1020), ('cal_co', 3, 480, 1020), ('cal_co', 4, 480, 1020), ('cal_co', 5, 480, 1020);--> statement-breakpoint
INSERT INTO "public_holidays" ("calendar_id", "date", "name") VALUES
  ('cal_co', '2025-01-01', 'Año Nuevo'),
  ('cal_co', '2025-01-06', 'Día de los Reyes Magos'),
  ('cal_co', '2025-03-24', 'San José'),
  ('cal_co', '2025-04-17', 'Jueves Santo'),
  ('cal_co', '2025-04-18', 'Viernes Santo'),
  ('cal_co', '2025-04-20', 'Pascua'),
  ('cal_co', '2025-05-01', 'Día del Trabajador'),
  ('cal_co', '2025-06-02', 'La Asunción'),
  ('cal_co', '2025-06-23', 'Corpus Christi'),
  ('cal_co', '2025-06-30', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2025-07-20', 'Día de la Independencia'),
  ('cal_co', '2025-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2025-08-18', 'Asunción'),
  ('cal_co', '2025-10-13', 'Día de la Raza'),
  ('cal_co', '2025-11-03', 'Todos los Santos'),
  ('cal_co', '2025-11-17', 'Independencia de Cartagena'),
  ('cal_co', '2025-12-08', 'La inmaculada concepción'),
  ('cal_co', '2025-12-25', 'Navidad'),
  ('cal_co', '2026-01-01', 'Año Nuevo'),
  ('cal_co', '2026-01-12', 'Día de los Reyes Magos'),
  ('cal_co', '2026-03-23', 'San José'),
  ('cal_co', '2026-04-02', 'Jueves Santo'),
  ('cal_co', '2026-04-03', 'Viernes Santo'),
  ('cal_co', '2026-04-05', 'Pascua'),
  ('cal_co', '2026-05-01', 'Día del Trabajador'),
  ('cal_co', '2026-05-18', 'La Asunción'),
  ('cal_co', '2026-06-08', 'Corpus Christi'),
  ('cal_co', '2026-06-15', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2026-06-29', 'San Pedro y San Pablo'),
  ('cal_co', '2026-07-13', 'La virgen de Chiquinquirá'),
  ('cal_co', '2026-07-20', 'Día de la Independencia'),
  ('cal_co', '2026-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2026-08-17', 'Asunción'),
  ('cal_co', '2026-10-12', 'Día de la Raza'),
  ('cal_co', '2026-11-02', 'Todos los Santos'),
  ('cal_co', '2026-11-16', 'Independencia de Cartagena'),
  ('cal_co', '2026-12-08', 'La inmaculada concepción'),
  ('cal_co', '2026-12-25', 'Navidad'),
  ('cal_co', '2027-01-01', 'Año Nuevo'),
  ('cal_co', '2027-01-11', 'Día de los Reyes Magos'),
  ('cal_co', '2027-03-22', 'San José'),
  ('cal_co', '2027-03-25', 'Jueves Santo'),
  ('cal_co', '2027-03-26', 'Viernes Santo'),
  ('cal_co', '2027-03-28', 'Pascua'),
  ('cal_co', '2027-05-01', 'Día del Trabajador'),
  ('cal_co', '2027-05-10', 'La Asunción'),
  ('cal_co', '2027-05-31', 'Corpus Christi'),
  ('cal_co', '2027-06-07', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2027-07-05', 'San Pedro y San Pablo'),
  ('cal_co', '2027-07-12', 'La virgen de Chiquinquirá'),
  ('cal_co', '2027-07-20', 'Día de la Independencia'),
  ('cal_co', '2027-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2027-08-16', 'Asunción'),
  ('cal_co', '2027-10-18', 'Día de la Raza'),
  ('cal_co', '2027-11-01', 'Todos los Santos'),
  ('cal_co', '2027-11-15', 'Independencia de Cartagena'),
  ('cal_co', '2027-12-08', 'La inmaculada concepción'),
  ('cal_co', '2027-12-25', 'Navidad'),
  ('cal_co', '2028-01-01', 'Año Nuevo'),
  ('cal_co', '2028-01-10', 'Día de los Reyes Magos'),
  ('cal_co', '2028-03-20', 'San José'),
  ('cal_co', '2028-04-13', 'Jueves Santo'),
  ('cal_co', '2028-04-14', 'Viernes Santo'),
  ('cal_co', '2028-04-16', 'Pascua'),
  ('cal_co', '2028-05-01', 'Día del Trabajador'),
  ('cal_co', '2028-05-29', 'La Asunción'),
  ('cal_co', '2028-06-19', 'Corpus Christi'),
  ('cal_co', '2028-06-26', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2028-07-03', 'San Pedro y San Pablo'),
  ('cal_co', '2028-07-10', 'La virgen de Chiquinquirá'),
  ('cal_co', '2028-07-20', 'Día de la Independencia'),
  ('cal_co', '2028-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2028-08-21', 'Asunción'),
  ('cal_co', '2028-10-16', 'Día de la Raza'),
  ('cal_co', '2028-11-06', 'Todos los Santos'),
  ('cal_co', '2028-11-13', 'Independencia de Cartagena'),
  ('cal_co', '2028-12-08', 'La inmaculada concepción'),
  ('cal_co', '2028-12-25', 'Navidad'),
  ('cal_co', '2029-01-01', 'Año Nuevo'),
  ('cal_co', '2029-01-08', 'Día de los Reyes Magos'),
  ('cal_co', '2029-03-19', 'San José'),
  ('cal_co', '2029-03-29', 'Jueves Santo'),
  ('cal_co', '2029-03-30', 'Viernes Santo'),
  ('cal_co', '2029-04-01', 'Pascua'),
  ('cal_co', '2029-05-01', 'Día del Trabajador'),
  ('cal_co', '2029-05-14', 'La Asunción'),
  ('cal_co', '2029-06-04', 'Corpus Christi'),
  ('cal_co', '2029-06-11', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2029-07-02', 'San Pedro y San Pablo'),
  ('cal_co', '2029-07-09', 'La virgen de Chiquinquirá'),
  ('cal_co', '2029-07-20', 'Día de la Independencia'),
  ('cal_co', '2029-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2029-08-20', 'Asunción'),
  ('cal_co', '2029-10-15', 'Día de la Raza'),
  ('cal_co', '2029-11-05', 'Todos los Santos'),
  ('cal_co', '2029-11-12', 'Independencia de Cartagena'),
  ('cal_co', '2029-12-08', 'La inmaculada concepción'),
  ('cal_co', '2029-12-25', 'Navidad'),
  ('cal_co', '2030-01-01', 'Año Nuevo'),
  ('cal_co', '2030-01-07', 'Día de los Reyes Magos'),
  ('cal_co', '2030-03-25', 'San José'),
  ('cal_co', '2030-04-18', 'Jueves Santo'),
  ('cal_co', '2030-04-19', 'Viernes Santo'),
  ('cal_co', '2030-04-21', 'Pascua'),
  ('cal_co', '2030-05-01', 'Día del Trabajador'),
  ('cal_co', '2030-06-03', 'La Asunción'),
  ('cal_co', '2030-06-24', 'Corpus Christi'),
  ('cal_co', '2030-07-01', 'Sagrado Corazón de Jesús'),
  ('cal_co', '2030-07-15', 'La virgen de Chiquinquirá'),
  ('cal_co', '2030-07-20', 'Día de la Independencia'),
  ('cal_co', '2030-08-07', 'Batalla de Boyacá'),
  ('cal_co', '2030-08-19', 'Asunción'),
  ('cal_co', '2030-10-14', 'Día de la Raza'),
  ('cal_co', '2030-11-04', 'Todos los Santos'),
  ('cal_co', '2030-11-11', 'Independencia de Cartagena'),
  ('cal_co', '2030-12-08', 'La inmaculada concepción'),
  ('cal_co', '2030-12-25', 'Navidad');--> statement-breakpoint
INSERT INTO "sla_policies" ("id", "level", "business_minutes") VALUES ('sla_l1', 'L1', 960), ('sla_l2', 'L2', 960), ('sla_l3', 'L3', 1440);
