/**
 * The bare gRPC server (a child process of the bench): serves `BARE_SERVICE` on 127.0.0.1:0,
 * writes {"address"} to the file named by its one argument once serving, stops on SIGTERM.
 *
 *   node --import tsx bench/bare-grpc-server.ts READY_FILE
 */
import { rename, writeFile } from "node:fs/promises";
import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from "@grpc/grpc-js";
import { BARE_PAYLOAD_NBYTES, BARE_SERVICE } from "./bare-grpc-service.js";

const payload = Buffer.alloc(BARE_PAYLOAD_NBYTES, 0xa5);

function stream(call: ServerWritableStream<Buffer, Buffer>): void {
  const count = call.request.byteLength >= 4 ? call.request.readUInt32BE(0) : 0;
  let sent = 0;
  let stopped = false;
  call.on("cancelled", () => {
    stopped = true;
  });
  const pump = (): void => {
    while (!stopped && (count === 0 || sent < count)) {
      sent++;
      if (!call.write(payload)) {
        call.once("drain", pump);
        return;
      }
    }
    if (!stopped) call.end();
  };
  pump();
}

function unary(_call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void {
  callback(null, payload);
}

const readyFile = process.argv[2];
const server = new Server();
server.addService(BARE_SERVICE, { stream, unary });
server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`bare-grpc-server: ${error.message}\n`);
    process.exit(1);
  }
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
