// Node streams as web streams for download responses.
import type { Readable } from "node:stream";

/**
 * A web stream over a Node stream, with backpressure, that stops the source when the reader cancels
 * (a client that disconnects mid-download). Readable.toWeb keeps enqueueing after a cancel and throws
 * "Controller is already closed" as an uncaught exception, which would take the server down.
 */
export function toWebStream(readable: Readable): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      readable.on("data", (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) readable.pause();
      });
      readable.on("end", () => {
        if (done) return;
        done = true;
        controller.close();
      });
      readable.on("error", (error) => {
        if (done) return;
        done = true;
        controller.error(error);
      });
    },
    pull() {
      readable.resume();
    },
    cancel() {
      done = true;
      readable.destroy();
    },
  });
}
