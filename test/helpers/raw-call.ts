import { Client, credentials, Metadata } from "@grpc/grpc-js";
import { LnvmError } from "../../clients/ts/index.js";

/** What a raw unary call got back: the response bytes, or the error with its decoded details. */
export type RawOutcome =
  | { readonly ok: true; readonly response: Buffer; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: LnvmError; readonly elapsedMs: number };

const identity = (bytes: Buffer) => bytes;

/**
 * A client that sends request bodies as given, bytes on the wire, without a message size limit
 * of its own: for requests no well-behaved client would encode. Each RawClient has a connection
 * of its own.
 */
export class RawClient {
  readonly #client: Client;

  constructor(address: string) {
    this.#client = new Client(address, credentials.createInsecure(), {
      "grpc.max_send_message_length": -1,
      "grpc.max_receive_message_length": -1,
      "grpc.use_local_subchannel_pool": 1,
    });
  }

  /** Calls `path` (`/lightnvm.v1.DeviceService/GetDevice`) with `body`; never rejects. */
  unary(path: string, body: Uint8Array, deadlineMs = 10_000): Promise<RawOutcome> {
    const start = performance.now();
    return new Promise((resolve) => {
      this.#client.makeUnaryRequest(
        path,
        identity,
        identity,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        new Metadata(),
        { deadline: Date.now() + deadlineMs },
        (error, response) => {
          const elapsedMs = performance.now() - start;
          if (error) resolve({ ok: false, error: LnvmError.from(error), elapsedMs });
          else resolve({ ok: true, response: response ?? Buffer.alloc(0), elapsedMs });
        },
      );
    });
  }

  close(): void {
    this.#client.close();
  }
}

/** `nbytes` of the pair `12 00` repeated: field 2, length 0, over and over. */
export function emptyFieldFlood(nbytes: number): Buffer {
  const flood = Buffer.alloc(nbytes - (nbytes % 2));
  for (let i = 0; i < flood.length; i += 2) flood[i] = 0x12;
  return flood;
}
