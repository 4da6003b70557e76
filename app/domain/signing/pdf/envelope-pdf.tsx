// The PDF of a signed envelope: the content as signed (a reconciliation: balances and open items per
// currency, message, outcome and differences; minutes: the meeting, attendees, topics and agreements
// with their payment promises), then a certificate page per signer (name, role, typed
// name, time with zone, IP, device, consent, the content's SHA-256, the verification code with a QR
// code to the public page) and an audit-log page, after Documenso's seal-document.handler.ts.
// Built-in Helvetica (not embedded): every string goes through pdfText (WinAnsi).
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { QrCode } from "~/domain/documents/pdf/qr-code";
import { pdfText } from "~/domain/pdf/pdf-text";
import type { MinutesContent } from "../minutes-content";
import { type ReconciliationContent, formatVerificationCode } from "../reconciliation-content";
import type { EnvelopePdfData } from "./envelope-pdf-data";

const styles = StyleSheet.create({
  page: { padding: 36, paddingBottom: 48, fontFamily: "Helvetica", fontSize: 8.5, color: "#0f172a" },
  h1: { fontFamily: "Helvetica-Bold", fontSize: 14, marginBottom: 6 },
  h2: { fontFamily: "Helvetica-Bold", fontSize: 10.5, marginTop: 10, marginBottom: 4 },
  muted: { color: "#475569" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cbd5e1", paddingVertical: 2.5 },
  head: {
    flexDirection: "row",
    backgroundColor: "#0f172a",
    color: "#ffffff",
    fontFamily: "Helvetica-Bold",
    paddingVertical: 3,
  },
  cDoc: { width: 90, paddingLeft: 3 },
  cDate: { width: 70 },
  cMoney: { width: 100, textAlign: "right", paddingRight: 3 },
  kv: { flexDirection: "row", marginBottom: 2.5 },
  k: { width: 150, color: "#475569" },
  v: { flex: 1 },
  mono: { fontFamily: "Courier", fontSize: 7.5 },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 7,
    color: "#64748b",
    flexDirection: "row",
    justifyContent: "space-between",
  },
  qrBox: { flexDirection: "row", alignItems: "center", marginTop: 12, gap: 10 },
});

const T = (s: string | null | undefined) => pdfText(s ?? "");

function KV({ k, v, mono }: { k: string; v: string | null | undefined; mono?: boolean }) {
  return (
    <View style={styles.kv} wrap={false}>
      <Text style={styles.k}>{T(k)}</Text>
      <Text style={mono ? [styles.v, styles.mono] : styles.v}>{T(v)}</Text>
    </View>
  );
}

function Footer({ data }: { data: EnvelopePdfData }) {
  return (
    <View style={styles.footer} fixed>
      <Text>
        {T(`${data.title} · ${data.labels.verificationCode} ${formatVerificationCode(data.verificationCode)}`)}
      </Text>
      <Text render={({ pageNumber, totalPages }) => T(`${data.labels.page} ${pageNumber} / ${totalPages}`)} />
    </View>
  );
}

function Verification({ data }: { data: EnvelopePdfData }) {
  return (
    <View style={styles.qrBox} wrap={false}>
      <QrCode text={data.verificationUrl} size={84} />
      <View>
        <Text>{T(data.labels.verificationCode)}</Text>
        <Text style={{ fontFamily: "Helvetica-Bold", fontSize: 12 }}>
          {formatVerificationCode(data.verificationCode)}
        </Text>
        <Text style={styles.muted}>{T(`${data.labels.verifyAt} ${data.verificationUrl}`)}</Text>
      </View>
    </View>
  );
}

function ReconciliationBody({ data, content }: { data: EnvelopePdfData; content: ReconciliationContent }) {
  const { labels, money } = data;
  return (
    <View>
      <KV k={labels.seller} v={`${content.seller.legalName} · ${content.seller.taxId}`} />
      <KV
        k={labels.customer}
        v={`${content.account.legalName} · ${content.account.taxId} · ${content.account.number}`}
      />
      <KV k={labels.cutoff} v={data.money[`date:${content.cutoffDate}`] ?? content.cutoffDate} />
      <KV k={labels.preparedBy} v={content.preparedBy.name} />
      {content.message ? <KV k={labels.message} v={content.message} /> : null}
      {content.sections.map((section) => (
        <View key={section.currency}>
          <Text style={styles.h2}>
            {T(`${labels.balance} ${section.currency}: ${money[`${section.currency}:${section.balance}`]}`)}
          </Text>
          <KV k={labels.openCharges} v={money[`${section.currency}:${section.openCharges}`]} />
          <KV k={labels.unappliedCredits} v={money[`${section.currency}:${section.unappliedCredits}`]} />
          <View style={styles.head} fixed>
            <Text style={styles.cDoc}>{T(labels.document)}</Text>
            <Text style={styles.cDate}>{T(labels.issueDate)}</Text>
            <Text style={styles.cDate}>{T(labels.dueDate)}</Text>
            <Text style={styles.cMoney}>{T(labels.amount)}</Text>
            <Text style={styles.cMoney}>{T(labels.open)}</Text>
          </View>
          {section.items.length === 0 ? <Text style={styles.muted}>{T(labels.noItems)}</Text> : null}
          {section.items.map((item) => (
            <View key={item.documentId} style={styles.row} wrap={false}>
              <Text style={styles.cDoc}>{T(item.serieFolio)}</Text>
              <Text style={styles.cDate}>{item.issueDate}</Text>
              <Text style={styles.cDate}>{item.dueDate}</Text>
              <Text style={styles.cMoney}>{T(money[`${section.currency}:${item.amount}`])}</Text>
              <Text style={styles.cMoney}>
                {T(`${item.effect === "credit" ? "-" : ""}${money[`${section.currency}:${item.open}`]}`)}
              </Text>
            </View>
          ))}
        </View>
      ))}
      <Text style={styles.h2}>{T(labels.outcome)}</Text>
      <Text>{T(data.outcome)}</Text>
      {data.customerBalance ? <KV k={labels.customerBalance} v={data.customerBalance} /> : null}
      {data.differences.length ? (
        <View>
          <Text style={styles.h2}>{T(labels.differences)}</Text>
          {data.differences.map((d, i) => (
            <View key={i} style={styles.row} wrap={false}>
              <Text style={{ flex: 1 }}>
                {T(
                  `${d.kind}${d.item ? ` · ${d.item}` : ""}${d.reference ? ` · ${d.reference}` : ""} · ${d.amount} — ${d.description} (${labels.claim} ${d.claim})`,
                )}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function MinutesBody({ data, content }: { data: EnvelopePdfData; content: MinutesContent }) {
  const { labels, money } = data;
  const L = data.minutesLabels!;
  return (
    <View>
      <KV k={labels.seller} v={`${content.seller.legalName} · ${content.seller.taxId}`} />
      <KV
        k={labels.customer}
        v={`${content.account.legalName} · ${content.account.taxId} · ${content.account.number}`}
      />
      <KV k={L.meetingDate} v={money[`date:${content.meetingDate}`] ?? content.meetingDate} />
      <KV k={L.channel} v={L.channelName} />
      <KV k={L.place} v={content.place} />
      <KV k={L.version} v={String(content.version)} />
      {content.supersedes ? <KV k={L.supersedes} v={String(content.supersedes.number)} /> : null}
      <KV k={labels.preparedBy} v={content.preparedBy.name} />
      <KV k={L.customerAttendees} v={content.customerAttendees.map((a) => `${a.name} (${a.email})`).join(", ")} />
      <KV k={L.sellerAttendees} v={content.sellerAttendees.join(", ")} />
      <Text style={styles.h2}>{T(L.topics)}</Text>
      {content.topics.map((topic) => (
        <View key={topic.id} style={{ marginBottom: 4 }} wrap={false}>
          <Text style={{ fontFamily: "Helvetica-Bold" }}>{T(`${topic.id}. ${topic.title}`)}</Text>
          {topic.notes ? <Text>{T(topic.notes)}</Text> : null}
        </View>
      ))}
      <Text style={styles.h2}>{T(L.agreements)}</Text>
      {content.agreements.length === 0 ? <Text style={styles.muted}>{T(L.noAgreements)}</Text> : null}
      {content.agreements.map((a) => (
        <View key={a.id} style={styles.row} wrap={false}>
          <View style={{ flex: 1, paddingLeft: 3 }}>
            <Text>{T(`${a.id}. ${a.text}`)}</Text>
            <Text style={styles.muted}>
              {T(`${L.owner}: ${a.owner} · ${L.due}: ${money[`date:${a.dueDate}`] ?? a.dueDate}`)}
            </Text>
            {a.promise ? (
              <Text>
                {T(
                  `${L.promise}: ${money[`${a.promise.currency}:${a.promise.amount}`]} (${a.promise.documents
                    .map((d) => `${d.serieFolio} ${money[`${a.promise!.currency}:${d.amount}`]}`)
                    .join(", ")})`,
                )}
              </Text>
            ) : null}
          </View>
        </View>
      ))}
      <Text style={styles.h2}>{T(labels.outcome)}</Text>
      <Text>{T(data.outcome)}</Text>
    </View>
  );
}

export function EnvelopePdf({ data }: { data: EnvelopePdfData }) {
  const { content, labels } = data;
  return (
    <Document title={T(data.title)} author={T(content.seller.legalName)} language={data.language}>
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.h1}>{T(data.title)}</Text>
        {content.kind === "minutes" ? (
          <MinutesBody data={data} content={content} />
        ) : (
          <ReconciliationBody data={data} content={content} />
        )}
        <Footer data={data} />
      </Page>
      {data.signers.map((s, i) => (
        <Page key={i} size="LETTER" style={styles.page}>
          <Text style={styles.h1}>{T(labels.certificateTitle)}</Text>
          <KV k={labels.signerName} v={s.name} />
          <KV k={labels.signerEmail} v={s.email} />
          <KV k={labels.signerRole} v={s.role} />
          <KV k={labels.typedName} v={s.typedName} />
          <KV k={labels.viewedAt} v={s.viewedAt} />
          <KV k={labels.signedAt} v={s.signedAt} />
          <KV k={labels.ip} v={s.ip} />
          <KV k={labels.device} v={s.device} />
          <KV k={labels.authMethod} v={s.authMethod} />
          <KV k={labels.consent} v={s.consent} />
          <KV k={labels.contentHash} v={data.contentSha256} mono />
          <Verification data={data} />
          <Footer data={data} />
        </Page>
      ))}
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.h1}>{T(labels.auditTitle)}</Text>
        <View style={styles.head} fixed>
          <Text style={{ width: 130, paddingLeft: 3 }}>{T(labels.time)}</Text>
          <Text style={{ width: 170 }}>{T(labels.action)}</Text>
          <Text style={{ flex: 1 }}>{T(labels.actor)}</Text>
          <Text style={{ width: 80 }}>{T(labels.ip)}</Text>
        </View>
        {data.audit.map((a, i) => (
          <View key={i} style={styles.row} wrap={false}>
            <Text style={{ width: 130, paddingLeft: 3 }}>{T(a.time)}</Text>
            <Text style={{ width: 170 }}>{T(a.action)}</Text>
            <Text style={{ flex: 1 }}>{T(a.actor)}</Text>
            <Text style={{ width: 80 }}>{T(a.ip)}</Text>
          </View>
        ))}
        <Verification data={data} />
        <Footer data={data} />
      </Page>
    </Document>
  );
}
