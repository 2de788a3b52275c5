import { create } from "@bufbuild/protobuf";
import type { ServiceError } from "@grpc/grpc-js";
import { LnvmError } from "../../clients/ts/index.js";
import type { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  InitRequestSchema,
  type InitResponse,
  PokeRequestSchema,
  type PokeResponse,
  SubmitRequestSchema,
  TermRequestSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import type { Command, Completion } from "../../gen/ts/lightnvm/v1/command_pb.js";

/** Pause between two Pokes that found nothing, milliseconds. */
const POKE_IDLE_MS = 1;
/** Deadline of each unary call, milliseconds. */
const CALL_DEADLINE_MS = 10_000;

function call<T>(start: (callback: (error: ServiceError | null, value?: T) => void) => void) {
  return new Promise<T>((resolve, reject) =>
    start((error, value) =>
      error || value === undefined ? reject(LnvmError.from(error)) : resolve(value),
    ),
  );
}

const deadline = () => ({ deadline: Date.now() + CALL_DEADLINE_MS });

/**
 * A context driven through the unary API only: Submit, then Poke until the completion of each
 * command arrives (one poller per context routes completions by tag).
 */
export class UnaryContext {
  readonly id: string;
  readonly #client: AsyncContextServiceClient;
  readonly #waiting = new Map<bigint, { resolve(c: Completion): void; reject(e: unknown): void }>();
  #nextTag = 1n;
  #polling = false;

  private constructor(client: AsyncContextServiceClient, id: string) {
    this.#client = client;
    this.id = id;
  }

  static async init(client: AsyncContextServiceClient, device: string, depth: number) {
    const response = await call<InitResponse>((cb) =>
      client.init(create(InitRequestSchema, { device, depth }), deadline(), cb),
    );
    if (!response.context) throw new Error("Init returned no context");
    return new UnaryContext(client, response.context.id);
  }

  /**
   * Submits `commands` (tags are assigned here) in one Submit and resolves with their
   * completions in order. Rejects if the Submit fails, or with the first failed Poke.
   */
  async run(commands: readonly Command[]): Promise<Completion[]> {
    const tagged = commands.map((c) => ({ ...c, tag: this.#nextTag++ }));
    const done = tagged.map(
      (c) =>
        new Promise<Completion>((resolve, reject) => this.#waiting.set(c.tag, { resolve, reject })),
    );
    try {
      await call((cb) =>
        this.#client.submit(
          create(SubmitRequestSchema, { contextId: this.id, commands: tagged }),
          deadline(),
          cb,
        ),
      );
    } catch (error) {
      for (const c of tagged) this.#waiting.delete(c.tag);
      for (const d of done) d.catch(() => {});
      throw error;
    }
    this.#poll();
    return Promise.all(done);
  }

  #poll(): void {
    if (this.#polling) return;
    this.#polling = true;
    void (async () => {
      try {
        while (this.#waiting.size > 0) {
          const response = await call<PokeResponse>((cb) =>
            this.#client.poke(create(PokeRequestSchema, { contextId: this.id }), deadline(), cb),
          );
          for (const completion of response.completions) {
            this.#waiting.get(completion.tag)?.resolve(completion);
            this.#waiting.delete(completion.tag);
          }
          if (response.completions.length === 0) {
            await new Promise((resolve) => setTimeout(resolve, POKE_IDLE_MS));
          }
        }
      } catch (error) {
        for (const waiter of this.#waiting.values()) waiter.reject(error);
        this.#waiting.clear();
      } finally {
        this.#polling = false;
      }
    })();
  }

  async term(): Promise<void> {
    await call((cb) =>
      this.#client.term(create(TermRequestSchema, { contextId: this.id }), deadline(), cb),
    );
  }
}
