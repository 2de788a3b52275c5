export { ClosedLoop, type ClosedLoopResult, type IssueCommand } from "./closed-loop.js";
export { type LatencyBucket, LatencyRecorder, type LatencySummary } from "./latency-recorder.js";
