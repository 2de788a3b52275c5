import { create } from "@bufbuild/protobuf";
import type { ExecutionContext } from "ava";
import type { LnvmClient } from "../../clients/ts/index.js";
import { StreamCompletionsRequestSchema } from "../../gen/ts/lightnvm/v1/async_context_pb.js";

/**
 * Opens a raw StreamCompletions call; cancelled when the test ends. Its errors are collected
 * in `errors` instead of escaping as uncaught exceptions (a cancel ends the call with one).
 */
export function openCompletionStream(
  t: ExecutionContext,
  client: LnvmClient,
  contextId: string,
  resumeAfterSequence = 0n,
  holdUntilAcknowledged = false,
) {
  const call = client.stubs.contexts.streamCompletions(
    create(StreamCompletionsRequestSchema, {
      contextId,
      resumeAfterSequence,
      holdUntilAcknowledged,
    }),
  );
  const errors: unknown[] = [];
  call.on("error", (error: unknown) => errors.push(error));
  t.teardown(() => call.cancel());
  return { call, errors };
}
