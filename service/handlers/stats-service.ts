import type { Logger } from "pino";
import type { StatsServiceServer } from "../../gen/ts/lightnvm/v1/stats_grpc.js";
import { principalOf } from "../auth/call-principal.js";
import { collectStats, type StatsSources } from "../metrics/index.js";
import { unaryHandler } from "./unary-handler.js";

/**
 * The StatsService: the counters the Prometheus endpoint exposes, over gRPC, limited to the
 * devices and contexts the caller may see.
 */
export function createStatsService(log: Logger, sources: StatsSources): StatsServiceServer {
  return {
    getStats: unaryHandler(log, "GetStats", (request, call) =>
      collectStats(sources, {
        device: request.device === "" ? undefined : request.device,
        includeChunks: request.includeChunks,
        caller: principalOf(call),
      }),
    ),
  };
}
