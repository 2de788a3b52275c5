import type { Logger } from "pino";
import type {
  StreamCompletionsRequest,
  StreamCompletionsResponse,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import { principalOf } from "../auth/call-principal.js";
import { encodeCompletionBatch } from "../contexts/completion-batch-encoder.js";
import type { CompletionConsumer } from "../contexts/completion-delivery.js";
import type { ContextRegistry } from "../contexts/context-registry.js";
import type { MessageBuffers } from "../contexts/message-buffers.js";
import { writeEncoded } from "./async-context-service-definition.js";
import type { AttachedCall, AttachedCalls } from "./attached-calls.js";
import { consumerAttached, shuttingDown } from "./context-messages.js";
import { receiveLimitNbytes } from "./receive-limit.js";
import { serverStreamHandler } from "./server-stream-handler.js";

/** Why an attached completion stream stops. */
type StreamEnd = "ended" | "shutdown" | "gone";

/**
 * StreamCompletions: attaches a server stream as the context's consumer. It translates only:
 * delivery, replay and acknowledgement are the context's.
 */
export function completionStreamHandler(
  log: Logger,
  contexts: ContextRegistry,
  attached: AttachedCalls,
  maxMessageBytes: number,
  minReceiveBytes: number,
  buffers: MessageBuffers,
) {
  return serverStreamHandler<StreamCompletionsRequest, StreamCompletionsResponse>(
    log,
    "StreamCompletions",
    async (request, sink, call) => {
      const context = contexts.get(request.contextId, principalOf(call));
      const messageNbytes = receiveLimitNbytes(
        request.maxReceiveMessageBytes,
        maxMessageBytes,
        minReceiveBytes,
        "max_receive_message_bytes",
      );
      // A call cancelled before this ran must not take held completions into a dead stream.
      if (sink.signal.aborted) return;
      if (context.consumer) throw consumerAttached(context);
      let stop: (end: StreamEnd) => void = () => {};
      const stopped = new Promise<StreamEnd>((resolve) => {
        stop = resolve;
      });
      const consumer: CompletionConsumer = {
        messageNbytes,
        acknowledgesOnFlush: !request.holdUntilAcknowledged,
        write: (batch, flushed) => {
          const encoded = encodeCompletionBatch(batch, buffers.acquire);
          writeEncoded(call, encoded, flushed, () => buffers.release(encoded));
          return encoded.length;
        },
        end: () => stop("ended"),
      };
      const tracked: AttachedCall = { endForShutdown: () => stop("shutdown") };
      const resumeAfter = request.resumeAfterSequence;
      if (resumeAfter > 0n) context.acknowledge(Number(resumeAfter));
      if (!context.attach(consumer)) throw consumerAttached(context);
      attached.add(tracked);
      const gone = () => stop("gone");
      sink.signal.addEventListener("abort", gone);
      call.once("error", gone);
      call.once("close", gone);
      try {
        if ((await stopped) === "shutdown") throw shuttingDown("completion stream ended");
      } finally {
        sink.signal.removeEventListener("abort", gone);
        call.off("error", gone);
        call.off("close", gone);
        attached.delete(tracked);
        context.detach(consumer);
      }
    },
  );
}
