import type { Logger } from "pino";
import type { StatsServiceServer } from "../../gen/ts/lightnvm/v1/stats_grpc.js";
import { collectStats, type StatsSources } from "../metrics/index.js";
import { unaryHandler } from "./unary-handler.js";

/** The StatsService: the counters the Prometheus endpoint exposes, over gRPC. */
export function createStatsService(log: Logger, sources: StatsSources): StatsServiceServer {
  return {
    getStats: unaryHandler(log, "GetStats", (request) =>
      collectStats(sources, {
        device: request.device === "" ? undefined : request.device,
        includeChunks: request.includeChunks,
      }),
    ),
  };
}
