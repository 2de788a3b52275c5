import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { type ClientReadableStream, credentials, type ServiceError, status } from "@grpc/grpc-js";
import { LnvmError, toAddress, toTarget } from "../../clients/ts/index.js";
import { AsyncContextServiceClient } from "../../gen/ts/lightnvm/v1/async_context_grpc.js";
import {
  InitRequestSchema,
  type InitResponse,
  PokeRequestSchema,
  StreamCompletionsRequestSchema,
  type StreamCompletionsResponse,
  SubmitRequestSchema,
  TermRequestSchema,
} from "../../gen/ts/lightnvm/v1/async_context_pb.js";
import {
  type Command,
  CommandSchema,
  type Completion,
} from "../../gen/ts/lightnvm/v1/command_pb.js";
import { createModelImage, type ModelImageOptions } from "../../native/binding/index.js";
import { startRunnerServer } from "../helpers/lnvmd-process.js";
import { Prng } from "../helpers/prng.js";

/** The soaked device: 8 units of 32 chunks of 256 sectors. */
export const SOAK_GEOMETRY = {
  npugrp: 1,
  npunit: 8,
  nchunk: 32,
  nsectr: 256,
  nbytes: 4096,
  nbytesOob: 16,
  wsMin: 4,
  wsOpt: 8,
  mwCunits: 0,
  mccap: 0x3,
} as const satisfies ModelImageOptions;

const DEPTH = 32;
/** Commands each context keeps in flight. */
const QUEUE_DEPTH = 8;
/** A completion not received this long after its Submit is lost. */
const COMPLETION_TIMEOUT_MS = 10_000;
/** Each context detaches and reattaches its stream, or is terminated and created again, about this often. */
const REATTACH_EVERY_MS = 3000;
const CHURN_EVERY_MS = 15_000;
const RSS_SAMPLE_MS = 1000;
/** Pause before attaching again after STREAM_ATTACHED, milliseconds. */
const REATTACH_RETRY_MS = 10;

/** Contexts a soak drives at once unless told otherwise. */
export const DEFAULT_SOAK_CONTEXTS = 16;

/** Options of one soak. */
export interface SoakOptions {
  readonly minutes: number;
  readonly seed: number;
  /** Contexts driven at once. @default DEFAULT_SOAK_CONTEXTS */
  readonly contexts?: number;
  readonly log?: (line: string) => void;
}

/** What a soak found. */
export interface SoakReport {
  readonly seed: number;
  readonly seconds: number;
  readonly commands: number;
  readonly reattaches: number;
  /** Pokes or attachments refused with STREAM_ATTACHED because the server had not seen a detach yet. */
  readonly reattachRetries: number;
  readonly churns: number;
  /** Error kind → count: RPC failures, failed completions, lost completions. */
  readonly errors: Record<string, number>;
  /** Server RSS, MiB, one sample per `seriesEverySeconds`. */
  readonly rssSeries: readonly { readonly atSeconds: number; readonly rssMiB: number }[];
  readonly rssMiB: {
    readonly first: number;
    readonly min: number;
    readonly max: number;
    readonly last: number;
  };
}

function call<T>(start: (callback: (error: ServiceError | null, value?: T) => void) => void) {
  return new Promise<T>((resolve, reject) =>
    start((error, value) =>
      error || value === undefined ? reject(LnvmError.from(error)) : resolve(value),
    ),
  );
}

/**
 * One context under soak: a completion stream routing completions by tag, commands on chunks
 * it owns (sequential writes, reads of what it wrote, a reset once a chunk is full).
 */
class SoakContext {
  id = "";
  readonly #client: AsyncContextServiceClient;
  readonly #device: string;
  readonly #chunks: { punit: number; chunk: number; wp: number }[];
  readonly #waiting = new Map<bigint, (c: Completion) => void>();
  readonly #errors: (kind: string) => void;
  readonly #retries: () => void;
  #stream: ClientReadableStream<StreamCompletionsResponse> | undefined;
  #lastSequence = 0n;
  #nextTag = 1n;
  #cursor = 0;

  constructor(
    client: AsyncContextServiceClient,
    device: string,
    chunks: { punit: number; chunk: number }[],
    errors: (kind: string) => void,
    retries: () => void,
  ) {
    this.#retries = retries;
    this.#client = client;
    this.#device = device;
    this.#chunks = chunks.map((c) => ({ ...c, wp: 0 }));
    this.#errors = errors;
  }

  async open(): Promise<void> {
    const response = await call<InitResponse>((cb) =>
      this.#client.init(create(InitRequestSchema, { device: this.#device, depth: DEPTH }), cb),
    );
    this.id = response.context?.id ?? "";
    this.#lastSequence = 0n;
    this.attach();
  }

  attach(): void {
    const stream = this.#client.streamCompletions(
      create(StreamCompletionsRequestSchema, {
        contextId: this.id,
        resumeAfterSequence: this.#lastSequence,
      }),
    );
    this.#stream = stream;
    stream.on("data", (message: StreamCompletionsResponse) => {
      for (const completion of message.completions) {
        this.#lastSequence = completion.sequence;
        this.#waiting.get(completion.tag)?.(completion);
        this.#waiting.delete(completion.tag);
      }
    });
    stream.on("error", (error: ServiceError) => {
      if (this.#stream !== stream || error.code === status.CANCELLED) return;
      if (error.code === status.FAILED_PRECONDITION) {
        // STREAM_ATTACHED right after a detach: the server had not yet seen the cancel of the
        // previous stream (it learns of it a moment later). Attach again.
        this.#retries();
        setTimeout(() => this.#stream === stream && this.attach(), REATTACH_RETRY_MS);
        return;
      }
      this.#errors(`stream ${status[error.code]}`);
    });
  }

  /** Ends the stream; the caller made sure nothing is in flight, so nothing is in transit. */
  detach(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    stream?.cancel();
  }

  /**
   * Detaches the stream and attaches a new one once the server has seen the detach: until it
   * has, it would write new completions to the cancelled stream, where they are lost. A Poke
   * that succeeds (no STREAM_ATTACHED) shows the server let go.
   */
  async reattach(): Promise<void> {
    this.detach();
    for (;;) {
      try {
        await call((cb) =>
          this.#client.poke(create(PokeRequestSchema, { contextId: this.id }), cb),
        );
        break;
      } catch (error) {
        if (LnvmError.from(error).reason !== "STREAM_ATTACHED") throw error;
        this.#retries();
      }
    }
    this.attach();
  }

  async close(): Promise<void> {
    this.detach();
    await call((cb) => this.#client.term(create(TermRequestSchema, { contextId: this.id }), cb));
  }

  get inFlight(): number {
    return this.#waiting.size;
  }

  /** The next command: a write at a chunk's write pointer, a read of written sectors or a reset. */
  #next(rng: Prng): { command: Command; apply: () => void } {
    const g = SOAK_GEOMETRY;
    let chunk = this.#chunks[this.#cursor++ % this.#chunks.length];
    // A chunk whose reset is in flight (write pointer −1) waits for it.
    for (let i = 0; chunk && chunk.wp < 0 && i < this.#chunks.length; i++) {
      chunk = this.#chunks[this.#cursor++ % this.#chunks.length];
    }
    if (!chunk || chunk.wp < 0) throw new Error("a soak context has no chunk to use");
    const at = (sector: number) => ({ group: 0, punit: chunk.punit, chunk: chunk.chunk, sector });
    if (chunk.wp >= g.nsectr) {
      chunk.wp = -1;
      return {
        command: create(CommandSchema, {
          op: { case: "erase", value: { chunks: [toAddress(at(0))] } },
        }),
        apply: () => {
          chunk.wp = 0;
        },
      };
    }
    if (chunk.wp > 0 && rng.chance(0.5)) {
      const count = Math.min(chunk.wp, g.wsOpt);
      return {
        command: create(CommandSchema, {
          op: {
            case: "read",
            value: { target: toTarget({ start: at(rng.int(chunk.wp - count + 1)), count }).target },
          },
        }),
        apply: () => {},
      };
    }
    const start = chunk.wp;
    chunk.wp += g.wsOpt;
    return {
      command: create(CommandSchema, {
        op: {
          case: "write",
          value: {
            target: toTarget({ start: at(start), count: g.wsOpt }).target,
            data: new Uint8Array(g.wsOpt * g.nbytes).fill(start & 0xff),
          },
        },
      }),
      apply: () => {},
    };
  }

  /** Submits one command and resolves once its completion arrives (or is declared lost). */
  async runOne(rng: Prng): Promise<void> {
    const { command, apply } = this.#next(rng);
    const tag = this.#nextTag++;
    const done = new Promise<Completion | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(tag);
        resolve(undefined);
      }, COMPLETION_TIMEOUT_MS);
      this.#waiting.set(tag, (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    try {
      await call((cb) =>
        this.#client.submit(
          create(SubmitRequestSchema, { contextId: this.id, commands: [{ ...command, tag }] }),
          cb,
        ),
      );
    } catch (error) {
      this.#waiting.delete(tag);
      this.#errors(`Submit ${LnvmError.from(error).codeName}`);
      return;
    }
    const completion = await done;
    if (!completion) this.#errors("completion lost");
    else if (completion.status?.name !== "SUCCESS")
      this.#errors(`completion ${completion.status?.name}`);
    else apply();
  }
}

/**
 * Soak: `contexts` contexts on a real server process, each keeping 8 commands in flight (writes,
 * reads, resets) with completions on a stream, detaching and reattaching the stream every few
 * seconds and being terminated and created again every ~15 s, for `minutes`; reports errors and
 * the server's RSS over time.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const rng = new Prng(options.seed);
  const g = SOAK_GEOMETRY;
  const ncontexts = options.contexts ?? DEFAULT_SOAK_CONTEXTS;
  const dir = await mkdtemp(join(tmpdir(), "lnvmd-soak-"));
  const image = join(dir, "soak.img");
  await createModelImage(image, g);
  const server = await startRunnerServer(["--device", image, "--log-level", "warn"]);
  const client = new AsyncContextServiceClient(server.address, credentials.createInsecure());
  const errors: Record<string, number> = {};
  const error = (kind: string) => {
    errors[kind] = (errors[kind] ?? 0) + 1;
  };
  const samples: { atSeconds: number; rssMiB: number }[] = [];
  const startMs = Date.now();
  const sampler = setInterval(
    () => samples.push({ atSeconds: (Date.now() - startMs) / 1000, rssMiB: server.rssMiB() ?? 0 }),
    RSS_SAMPLE_MS,
  );
  let commands = 0;
  let reattaches = 0;
  let reattachRetries = 0;
  let churns = 0;
  const endMs = startMs + options.minutes * 60_000;
  try {
    const chunksPerContext = Math.floor((g.npunit * g.nchunk) / ncontexts);
    const contexts = Array.from(
      { length: ncontexts },
      (_, i) =>
        new SoakContext(
          client,
          "soak.img",
          Array.from({ length: chunksPerContext }, (_, j) => {
            const n = i * chunksPerContext + j;
            return { punit: n % g.npunit, chunk: Math.floor(n / g.npunit) };
          }),
          error,
          () => {
            reattachRetries++;
          },
        ),
    );
    const drive = async (context: SoakContext) => {
      await context.open();
      let nextReattach = Date.now() + rng.int(2 * REATTACH_EVERY_MS);
      let nextChurn = Date.now() + rng.int(2 * CHURN_EVERY_MS);
      while (Date.now() < endMs) {
        await Promise.all(
          Array.from({ length: QUEUE_DEPTH }, async () => {
            await context.runOne(rng);
            commands++;
          }),
        );
        // Between rounds nothing is in flight: the stream can go without losing a completion.
        if (Date.now() >= nextChurn) {
          await context.close();
          await context.open();
          churns++;
          nextChurn = Date.now() + rng.int(2 * CHURN_EVERY_MS);
        } else if (Date.now() >= nextReattach) {
          await context.reattach();
          reattaches++;
          nextReattach = Date.now() + rng.int(2 * REATTACH_EVERY_MS);
        }
      }
      await context.close();
    };
    const progress = setInterval(() => {
      log(
        `${Math.round((Date.now() - startMs) / 1000)} s: ${commands} commands, RSS ${server.rssMiB()?.toFixed(0)} MiB, errors ${JSON.stringify(errors)}`,
      );
    }, 30_000);
    await Promise.all(contexts.map(drive)).finally(() => clearInterval(progress));
  } finally {
    clearInterval(sampler);
    client.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const rss = samples.map((s) => s.rssMiB).filter((r) => r > 0);
  const everySeconds = Math.max(10, Math.round((options.minutes * 60) / 30));
  const rssSeries = samples.filter(
    (s, i) =>
      i === samples.length - 1 ||
      Math.floor(s.atSeconds / everySeconds) !==
        Math.floor((samples[i + 1]?.atSeconds ?? 0) / everySeconds),
  );
  return {
    seed: options.seed,
    seconds: (Date.now() - startMs) / 1000,
    commands,
    reattaches,
    reattachRetries,
    churns,
    errors,
    rssSeries: rssSeries.map((s) => ({
      atSeconds: Math.round(s.atSeconds),
      rssMiB: Math.round(s.rssMiB),
    })),
    rssMiB: {
      first: Math.round(rss[0] ?? 0),
      min: Math.round(Math.min(...rss)),
      max: Math.round(Math.max(...rss)),
      last: Math.round(rss[rss.length - 1] ?? 0),
    },
  };
}
