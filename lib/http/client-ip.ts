// The client's IP address. The Gatehouse server (server.mjs) puts the TCP peer address in
// x-gatehouse-peer-ip, replacing anything a client sent under that name. X-Forwarded-For is only
// believed when GATEHOUSE_TRUST_PROXY is on: otherwise any client could pick its IP and dodge
// brute-force protection.
import { env } from "../env.ts";

export const PEER_IP_HEADER = "x-gatehouse-peer-ip";

export function clientIp(headers: Headers): string | undefined {
  if (env().trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return normalize(forwarded);
  }
  const peer = headers.get(PEER_IP_HEADER);
  return peer ? normalize(peer) : undefined;
}

function normalize(ip: string): string {
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}
