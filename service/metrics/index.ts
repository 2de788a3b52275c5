export { type CollectStatsOptions, collectStats, type StatsSources } from "./collect-stats.js";
export { ContextStats, type DeliveredCompletion } from "./context-stats.js";
export { GrpcCallCounter } from "./grpc-call-counter.js";
export { COUNTED_OPCODES, IoCounters, OpcodeCounters } from "./io-counters.js";
export { LATENCY_BUCKET_BOUNDS_NS, LatencyHistogram } from "./latency-histogram.js";
export { LnvmdMetrics, type MetricsSources } from "./lnvmd-metrics.js";
export { type MetricsServer, startMetricsServer } from "./metrics-server.js";
