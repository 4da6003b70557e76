// The platform seal: the certificate and key every sealed PDF is signed with. From configuration
// (SIGNING_P12: a file path or the P12 in base64; SIGNING_P12_PASSWORD), or, when absent, a local
// self-signed pair created once under ./data/signing: a root CA ("Cartera local seal root") and a
// seal certificate issued by it, kept as seal.p12 (key, certificate and root) with its password in
// seal.password and the root in seal-root.pem (add that to a trust store, e.g. an NSS database for
// pdfsig, to have the signature reported as trusted). Under test, a fresh pair per process in a
// temporary directory. A PDF reader does not trust a self-signed seal: our verification page does
// the checking that matters (hash, signature, bytes after it).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import forge from "node-forge";
import { getEnv } from "~/utils/env.server";

export interface PlatformSeal {
  p12: Uint8Array;
  password: string;
  source: "config" | "generated";
  /** Where the generated P12 and its root are (generated seals only). */
  directory: string | null;
  /** The root certificate (PEM) of a generated seal, for trust stores. */
  rootPem: string | null;
}

export interface SealConfig {
  SIGNING_P12?: string;
  SIGNING_P12_PASSWORD?: string;
  NODE_ENV?: string;
}

/** The P12 from configuration: a readable file path, else base64 of the file. */
export function readConfiguredP12(value: string): Uint8Array {
  if (existsSync(value)) return new Uint8Array(readFileSync(value));
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new Error("SIGNING_P12 is neither a readable file nor base64");
  return new Uint8Array(Buffer.from(compact, "base64"));
}

export function loadPlatformSeal(config: SealConfig, dataDir = defaultSealDir(config)): PlatformSeal {
  if (config.SIGNING_P12)
    return {
      p12: readConfiguredP12(config.SIGNING_P12),
      password: config.SIGNING_P12_PASSWORD ?? "",
      source: "config",
      directory: null,
      rootPem: null,
    };
  const files = {
    p12: path.join(dataDir, "seal.p12"),
    password: path.join(dataDir, "seal.password"),
    root: path.join(dataDir, "seal-root.pem"),
  };
  if (!existsSync(files.p12) || !existsSync(files.password) || !existsSync(files.root)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const generated = generateSelfSignedSeal();
    writeFileSync(files.p12, generated.p12, { mode: 0o600 });
    writeFileSync(files.password, generated.password, { mode: 0o600 });
    writeFileSync(files.root, generated.rootPem);
  }
  return {
    p12: new Uint8Array(readFileSync(files.p12)),
    password: readFileSync(files.password, "utf8").trim(),
    source: "generated",
    directory: dataDir,
    rootPem: readFileSync(files.root, "utf8"),
  };
}

function defaultSealDir(config: SealConfig): string {
  if (config.NODE_ENV === "test") return path.join(tmpdir(), `cartera-seal-${process.pid}`);
  return path.resolve(process.cwd(), "data/signing");
}

function forgeKeys() {
  // Node's generator (native, milliseconds) rather than forge's (pure JS, seconds).
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

function serial(): string {
  // Positive (first bit clear), 16 random bytes.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString("hex");
}

/** A root CA and a seal certificate issued by it, as a P12 (key, certificate, root) with a random password. */
export function generateSelfSignedSeal(now = new Date()) {
  const rootKeys = forgeKeys();
  const root = forge.pki.createCertificate();
  root.publicKey = rootKeys.publicKey;
  root.serialNumber = serial();
  root.validity.notBefore = new Date(now.getTime() - 86_400_000);
  root.validity.notAfter = new Date(now.getTime() + 20 * 365 * 86_400_000);
  const rootName = [
    { name: "commonName", value: "Cartera local seal root" },
    { name: "organizationName", value: "Cartera" },
  ];
  root.setSubject(rootName);
  root.setIssuer(rootName);
  root.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  root.sign(rootKeys.privateKey, forge.md.sha256.create());

  const sealKeys = forgeKeys();
  const seal = forge.pki.createCertificate();
  seal.publicKey = sealKeys.publicKey;
  seal.serialNumber = serial();
  seal.validity.notBefore = root.validity.notBefore;
  seal.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  seal.setSubject([
    { name: "commonName", value: "Cartera platform seal" },
    { name: "organizationName", value: "Cartera" },
  ]);
  seal.setIssuer(rootName);
  seal.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "extKeyUsage", emailProtection: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: root.generateSubjectKeyIdentifier().getBytes() },
  ]);
  seal.sign(rootKeys.privateKey, forge.md.sha256.create());

  const password = randomBytes(24).toString("base64url");
  const asn1 = forge.pkcs12.toPkcs12Asn1(sealKeys.privateKey, [seal, root], password, {
    algorithm: "aes256",
    friendlyName: "Cartera platform seal",
  });
  const der = forge.asn1.toDer(asn1).getBytes();
  return {
    p12: new Uint8Array(Buffer.from(der, "binary")),
    password,
    rootPem: forge.pki.certificateToPem(root),
    sealPem: forge.pki.certificateToPem(seal),
  };
}

let cached: PlatformSeal | undefined;
/** The seal of this process (read or created once). */
export function getPlatformSeal(config: SealConfig = getEnv()): PlatformSeal {
  cached ??= loadPlatformSeal(config);
  return cached;
}

/** One line for the start-up log: which seal signs, and where a generated one lives. */
export function describePlatformSeal(seal: PlatformSeal): string {
  return seal.source === "config"
    ? "[cartera] Signing seal: the P12 from SIGNING_P12."
    : `[cartera] Signing seal: SIGNING_P12 is not set; using the self-signed seal in ${seal.directory} ` +
        "(created once; PDF readers will call it untrusted, the /verify page checks it). Set SIGNING_P12 for production.";
}
