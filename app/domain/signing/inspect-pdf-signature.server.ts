// Reads the last signature of a PDF and checks it, without trusting anything else in the file: the
// /ByteRange it declares, the CMS (PKCS #7) SignedData in /Contents, whether the signed bytes' digest
// and the signature over the signed attributes verify with the signing certificate (pkijs over
// WebCrypto), and whether the signed ranges end at the end of the file (bytes appended after signing
// are a later revision, or tampering). Used by the verification page and tests; pdfsig checks the
// same independently in CI.
import { X509Certificate, createHash, webcrypto } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

// Our own engine instance, passed to verify: not pkijs's global one, which other modules (the signing
// library loads its own copy of pkijs) may set to something else.
const engine = new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as Crypto });

export interface PdfSignatureInspection {
  /** A signature dictionary with a usable /ByteRange and /Contents was found. */
  found: boolean;
  /** The CMS verified: the digest of the signed ranges matches and the signature is the certificate's. */
  valid: boolean;
  /** The signed ranges start at 0, leave only the /Contents gap, and end at the end of the file. */
  coversWholeFile: boolean;
  /** Length of the signed revision (end of the last signed range); bytes after it were appended. */
  signedLength: number | null;
  certificateSubject: string | null;
  /** SHA-256 (hex) of the signing certificate's DER. */
  certificateSha256: string | null;
}

const NOT_FOUND: PdfSignatureInspection = {
  found: false,
  valid: false,
  coversWholeFile: false,
  signedLength: null,
  certificateSubject: null,
  certificateSha256: null,
};

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

export async function inspectPdfSignature(bytes: Uint8Array): Promise<PdfSignatureInspection> {
  const text = latin1(bytes);
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches.at(-1);
  if (!last) return NOT_FOUND;
  const [a, b, c, d] = last.slice(1, 5).map(Number);
  if (a !== 0 || !(b > 0) || !(c > b) || c + d > bytes.length || d < 0) return NOT_FOUND;
  // The gap holds exactly the hex string of /Contents: "<" hex ">".
  const gap = text.slice(b, c);
  const hex = /^<([0-9A-Fa-f]*)>$/.exec(gap)?.[1];
  if (!hex) return NOT_FOUND;
  const signedLength = c + d;
  const coversWholeFile = signedLength === bytes.length;
  const signedData = new Uint8Array(b + d);
  signedData.set(bytes.subarray(0, b), 0);
  signedData.set(bytes.subarray(c, c + d), b);

  try {
    // The placeholder is zero-padded after the DER; the parser reads one element and ignores the rest.
    const der = Buffer.from(hex, "hex");
    const asn1 = asn1js.fromBER(new Uint8Array(der).buffer);
    if (asn1.offset === -1) return { ...NOT_FOUND, found: true, signedLength, coversWholeFile };
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    const cms = new pkijs.SignedData({ schema: contentInfo.content });
    const certificate = cms.certificates?.find((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
    const signerSid = cms.signerInfos[0]?.sid;
    const signerCert =
      cms.certificates?.find(
        (cert): cert is pkijs.Certificate =>
          cert instanceof pkijs.Certificate &&
          signerSid instanceof pkijs.IssuerAndSerialNumber &&
          cert.serialNumber.isEqual(signerSid.serialNumber),
      ) ?? certificate;
    let valid = false;
    try {
      const result = await cms.verify(
        {
          signer: 0,
          data: signedData.buffer.slice(signedData.byteOffset, signedData.byteOffset + signedData.byteLength),
          checkChain: false,
          extendedMode: true,
        },
        engine,
      );
      valid = result.signatureVerified === true;
    } catch {
      valid = false;
    }
    const certDer = signerCert ? new Uint8Array(signerCert.toSchema().toBER(false)) : null;
    return {
      found: true,
      valid,
      coversWholeFile,
      signedLength,
      certificateSubject: certDer ? new X509Certificate(Buffer.from(certDer)).subject.replace(/\n/g, ", ") : null,
      certificateSha256: certDer ? createHash("sha256").update(certDer).digest("hex") : null,
    };
  } catch {
    return { ...NOT_FOUND, found: true, signedLength, coversWholeFile };
  }
}
