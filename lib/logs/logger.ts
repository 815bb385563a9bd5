// The process logger: structured JSON lines (pino) on stdout. Every line written while a request
// is being handled carries that request's id (see lib/http/request-context.ts).
import pino from "pino";
import { env } from "../env.ts";
import { currentRequestId } from "../http/request-context.ts";

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= pino({
    level: env().logLevel,
    base: { service: "gatehouse" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { request_id: requestId } : {};
    },
    // Never log credentials, even when a caller passes a whole request or body by mistake.
    redact: {
      paths: [
        "password", "*.password", "client_secret", "*.client_secret", "authorization",
        "*.authorization", "headers.authorization", "headers.cookie", "token", "*.token",
      ],
      censor: "[redacted]",
    },
  });
  return instance;
}
