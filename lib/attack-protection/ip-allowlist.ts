// IP allow-lists of the attack-protection settings (auth0-authentication.md F.1): up to 100 IPv4 or
// IPv6 addresses or CIDR ranges. An allow-listed IP is never blocked or throttled (trusted proxies,
// NAT gateways, load generators). Matching uses node's BlockList; compiled lists are memoized by
// their text, so the login path does not rebuild them per request.
import { BlockList, isIP } from "node:net";

const compiled = new Map<string, BlockList>();

function parse(entry: string): { address: string; prefix?: number; family: "ipv4" | "ipv6" } | null {
  const [address, prefixText, extra] = entry.trim().split("/");
  if (!address || extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) return { address, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return null;
  return { address, prefix, family };
}

export function isValidAllowlistEntry(entry: string): boolean {
  return parse(entry) !== null;
}

function blockListFor(entries: readonly string[]): BlockList {
  const key = entries.join(",");
  let list = compiled.get(key);
  if (!list) {
    list = new BlockList();
    for (const entry of entries) {
      const parsed = parse(entry);
      if (!parsed) continue;
      if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
      else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
    if (compiled.size > 100) compiled.clear();
    compiled.set(key, list);
  }
  return list;
}

/** Whether `ip` is on the list. An unknown IP (no address known) never is. */
export function ipAllowed(ip: string | undefined, entries: readonly string[]): boolean {
  if (!ip || entries.length === 0) return false;
  const plain = ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
  const version = isIP(plain);
  if (version === 0) return false;
  return blockListFor(entries).check(plain, version === 4 ? "ipv4" : "ipv6");
}
