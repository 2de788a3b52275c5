import { Client, type ClientReadableStream, credentials, Metadata, status } from "@grpc/grpc-js";
import { LnvmError } from "../../clients/ts/index.js";
import type { RpcKind } from "./fuzz-target.js";

/** What one fuzzed call got back. */
export interface CallOutcome {
  /** The gRPC status code; 0 is OK. */
  readonly code: status;
  readonly details: string;
  /** ErrorInfo reason of the google.rpc.Status details; undefined without details. */
  readonly reason: string | undefined;
  /** Response messages of a successful unary call (streams' are counted, not kept). */
  readonly responses: readonly Uint8Array[];
  readonly elapsedMs: number;
  /** The fuzzer ended a stream that was still open (CANCELLED is then its own doing). */
  readonly cancelledByFuzzer: boolean;
}

/** How long a stream that neither ended nor failed is held before the fuzzer cancels it. */
const STREAM_HOLD_MS = 100;

/** Connections streams are spread over: each may reset `CANCELS_PER_SECOND` streams a second. */
const STREAM_CONNECTIONS = 4;

/**
 * Client-side stream resets the fuzzer allows itself per second. nghttp2 closes a connection
 * that resets more than 1,000 streams at once or 33 per second after that (rapid-reset
 * protection); a fuzzer that tripped it would test the HTTP/2 library, not the server.
 */
const CANCELS_PER_SECOND = 20;

const identity = (bytes: Buffer) => bytes;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A first-come first-served pacer of client-side cancellations on one connection. */
class CancelBudget {
  /** When the last granted cancellation may happen, milliseconds. */
  #lastMs = 0;

  /** Resolves when this cancellation may be sent: at most `CANCELS_PER_SECOND`, in order. */
  take(): Promise<void> {
    const at = Math.max(Date.now(), this.#lastMs + 1000 / CANCELS_PER_SECOND);
    this.#lastMs = at;
    return new Promise((resolve) => setTimeout(resolve, at - Date.now()));
  }
}

function connect(address: string): Client {
  return new Client(address, credentials.createInsecure(), {
    "grpc.max_send_message_length": -1,
    "grpc.max_receive_message_length": -1,
    "grpc.use_local_subchannel_pool": 1,
  });
}

/**
 * Calls RPCs with request bytes as given: unary calls over one connection of its own, streams
 * spread over a few more so that their cancellations stay within nghttp2's reset rate.
 */
export class RpcInvoker {
  readonly #client: Client;
  readonly #streams: { readonly client: Client; readonly cancels: CancelBudget }[];
  #nextStream = 0;

  constructor(address: string) {
    this.#client = connect(address);
    this.#streams = Array.from({ length: STREAM_CONNECTIONS }, () => ({
      client: connect(address),
      cancels: new CancelBudget(),
    }));
  }

  /** Sends `messages` (one for unary and server-stream RPCs) to `path`; never rejects. */
  invoke(kind: RpcKind, path: string, messages: readonly Uint8Array[], deadlineMs: number) {
    const start = performance.now();
    const deadline = Date.now() + deadlineMs;
    return new Promise<CallOutcome>((resolve) => {
      const finish = (error: unknown, responses: Uint8Array[], cancelledByFuzzer = false) => {
        const elapsedMs = performance.now() - start;
        if (!error) {
          resolve({
            code: status.OK,
            details: "",
            reason: undefined,
            responses,
            elapsedMs,
            cancelledByFuzzer,
          });
          return;
        }
        const lnvm = LnvmError.from(error);
        resolve({
          code: lnvm.code,
          details: lnvm.message,
          reason: lnvm.reason,
          responses: [],
          elapsedMs,
          cancelledByFuzzer,
        });
      };
      if (kind === "unary") {
        this.#client.makeUnaryRequest(
          path,
          identity,
          identity,
          toBuffer(messages[0] ?? new Uint8Array(0)),
          new Metadata(),
          { deadline },
          (error, response) => finish(error, response ? [response] : []),
        );
        return;
      }
      const connection = this.#streams[this.#nextStream++ % this.#streams.length];
      if (!connection) throw new Error("no stream connection");
      let call: ClientReadableStream<Buffer> & { write?: (b: Buffer) => boolean; end?: () => void };
      if (kind === "server-stream") {
        call = connection.client.makeServerStreamRequest(
          path,
          identity,
          identity,
          toBuffer(messages[0] ?? new Uint8Array(0)),
          new Metadata(),
          { deadline },
        );
      } else {
        const duplex = connection.client.makeBidiStreamRequest(
          path,
          identity,
          identity,
          new Metadata(),
          {
            deadline,
          },
        );
        for (const message of messages) duplex.write(toBuffer(message));
        duplex.end();
        call = duplex;
      }
      let done = false;
      let cancelling = false;
      call.on("data", () => {});
      call.on("error", (error) => {
        done = true;
        finish(error, [], cancelling);
      });
      call.on("status", (s) => {
        if (done || s.code !== status.OK) return;
        done = true;
        finish(undefined, []);
      });
      setTimeout(() => {
        if (done) return;
        void connection.cancels.take().then(() => {
          if (done) return;
          cancelling = true;
          call.cancel();
        });
      }, STREAM_HOLD_MS);
    });
  }

  close(): void {
    this.#client.close();
    for (const { client } of this.#streams) client.close();
  }
}
