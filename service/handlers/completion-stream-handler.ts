import type { ServerWritableStream } from "@grpc/grpc-js";
import type {
  StreamCompletionsRequest,
  StreamCompletionsResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { principalOf } from "../auth/call-principal.js";
import { encodeCompletionBatch } from "../contexts/completion-batch-encoder.js";
import type { CompletionConsumer } from "../contexts/completion-delivery.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import type { MessageBuffers } from "../contexts/message-buffers.js";
import type { ServedContext } from "../contexts/served-context.js";
import { StorageError } from "../errors.js";
import { writeEncoded } from "./async-context-service-definition.js";
import type { AttachedCalls } from "./attached-calls.js";
import { consumerAttached, shuttingDown } from "./context-messages.js";
import { receiveLimitNbytes } from "./receive-limit.js";

type Call = ServerWritableStream<StreamCompletionsRequest, StreamCompletionsResponse>;

/**
 * StreamCompletions: attaches a server stream as the context's consumer. It translates only:
 * delivery, replay and acknowledgement are the context's.
 */
export function completionStreamHandler(
  contexts: ContextRegistry,
  attached: AttachedCalls,
  maxMessageBytes: number,
  minReceiveBytes: number,
  buffers: MessageBuffers,
) {
  return (call: Call): void => {
    let context: ServedContext;
    let messageNbytes: number;
    try {
      context = contexts.get(call.request.contextId, principalOf(call));
      messageNbytes = receiveLimitNbytes(
        call.request.maxReceiveMessageBytes,
        maxMessageBytes,
        minReceiveBytes,
        "max_receive_message_bytes",
      );
    } catch (error) {
      call.emit("error", StorageError.from(error).toServiceError());
      return;
    }
    // A cancel that arrived before this handler ran fires no event, and attaching would write
    // held completions into a dead call.
    if (call.cancelled) return;
    if (context.consumer) {
      call.emit("error", consumerAttached(context).toServiceError());
      return;
    }
    let ended = false;
    const finish = () => {
      if (ended) return false;
      ended = true;
      attached.delete(tracked);
      context.detach(consumer);
      return true;
    };
    const consumer: CompletionConsumer = {
      messageNbytes,
      acknowledgesOnFlush: !call.request.holdUntilAcknowledged,
      write: (batch, flushed) => {
        const encoded = encodeCompletionBatch(batch, buffers.acquire);
        writeEncoded(call, encoded, flushed, () => buffers.release(encoded));
        return encoded.length;
      },
      end: () => {
        if (finish()) call.end();
      },
    };
    const tracked = {
      endForShutdown: () => {
        if (finish()) call.emit("error", shuttingDown("completion stream ended").toServiceError());
      },
    };
    const resumeAfter = call.request.resumeAfterSequence;
    if (resumeAfter > 0n) context.acknowledge(Number(resumeAfter));
    if (!context.attach(consumer)) {
      call.emit("error", consumerAttached(context).toServiceError());
      return;
    }
    attached.add(tracked);
    call.on("cancelled", finish);
    call.on("error", finish);
    call.on("close", finish);
  };
}
