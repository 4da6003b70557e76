import { readFileSync } from "node:fs";
import { inspectPdfSignature } from "~/domain/signing/inspect-pdf-signature.server";
console.log(await inspectPdfSignature(new Uint8Array(readFileSync("/tmp/sig/out.pdf"))));
