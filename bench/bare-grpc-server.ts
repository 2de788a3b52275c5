/**
 * The bare gRPC server (a child process of the bench): serves `BARE_SERVICE` on 127.0.0.1:0
 * with lnvmd's socket settings (TCP_NODELAY, 16 MiB message limit), writes {"address"} to the
 * file named by its one argument once serving, stops on SIGTERM.
 *
 *   node --import tsx bench/bare-grpc-server.ts READY_FILE
 */
import { rename, writeFile } from "node:fs/promises";
import {
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from "@grpc/grpc-js";
import pino from "pino";
import { disableNagle } from "../service/tcp-no-delay.js";
import { BARE_MAX_MESSAGE_NBYTES, BARE_PAYLOAD_NBYTES, BARE_SERVICE } from "./bare-grpc-service.js";

const payload = Buffer.alloc(BARE_PAYLOAD_NBYTES, 0xa5);

function unary(_call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void {
  callback(null, payload);
}

function pingPong(call: ServerDuplexStream<Buffer, Buffer>): void {
  call.on("data", () => call.write(payload));
  call.on("end", () => call.end());
  call.on("error", () => {});
}

function push(call: ServerWritableStream<Buffer, Buffer>): void {
  const size = call.request.byteLength >= 4 ? call.request.readUInt32BE(0) : 0;
  if (size === 0 || size > BARE_MAX_MESSAGE_NBYTES) {
    call.end();
    return;
  }
  // One buffer, written again and again: the reference measures the transport, not filling.
  const message = Buffer.alloc(size, 0xa5);
  let stopped = false;
  call.on("cancelled", () => {
    stopped = true;
  });
  call.on("error", () => {
    stopped = true;
  });
  const pump = (): void => {
    while (!stopped) {
      if (!call.write(message)) {
        call.once("drain", pump);
        return;
      }
    }
  };
  pump();
}

const readyFile = process.argv[2];
const server = new Server({
  "grpc.max_receive_message_length": BARE_MAX_MESSAGE_NBYTES,
  "grpc.max_send_message_length": BARE_MAX_MESSAGE_NBYTES,
});
server.addService(BARE_SERVICE, { unary, pingPong, push });
server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`bare-grpc-server: ${error.message}\n`);
    process.exit(1);
  }
  disableNagle(server, pino({ level: "warn" }, pino.destination(2)));
  if (!readyFile) return;
  const ready = `${JSON.stringify({ address: `127.0.0.1:${port}` })}\n`;
  writeFile(`${readyFile}.tmp`, ready)
    .then(() => rename(`${readyFile}.tmp`, readyFile))
    .catch((e: unknown) => {
      process.stderr.write(`bare-grpc-server: ${String(e)}\n`);
      process.exit(1);
    });
});
process.once("SIGTERM", () => {
  server.tryShutdown(() => process.exit(0));
});
