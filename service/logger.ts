import pino, { type Logger } from "pino";

/** The structured (JSON, one line per event) logger of the server, writing to stderr. */
export function createLogger(level: string): Logger {
  return pino({ name: "lnvmd", level }, pino.destination(2));
}
