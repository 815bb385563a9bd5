// The logs page's filters become one log search query (app/dashboard/logs/log-filters.ts): values
// quoted (a filter cannot inject query syntax), dates checked, and the result parses.
import { describe, expect, it } from "vitest";
import { logFiltersQuery, readLogFilters } from "../../app/dashboard/logs/log-filters.ts";
import { parseQuery } from "../../lib/search/parse-query.ts";

describe("log filters", () => {
  it.each([
    [{}, undefined],
    [{ type: "fp" }, 'type:"fp"'],
    [{ type: "f*" }, "type:f*"],
    [{ user: "auth0|abc" }, 'user_id:"auth0|abc"'],
    [{ user: "Pat@Example.com" }, 'user_name:"pat@example.com"'],
    [{ user: 'x" OR type:"s' }, 'user_name:"x\\" OR type:\\"s"'],
    [{ client: "abc", from: "2026-01-01" }, 'client_id:"abc" AND date:[2026-01-01 TO *]'],
    [{ to: "2026-01-31", q: "ip:1.2.3.4" }, "date:[* TO 2026-01-31] AND (ip:1.2.3.4)"],
  ])("%j → %s", (filters, expected) => {
    const { q, error } = logFiltersQuery(filters);
    expect(error).toBeUndefined();
    expect(q).toBe(expected);
    if (q) expect(() => parseQuery(q)).not.toThrow();
  });

  it("refuses bad dates with a specific message", () => {
    expect(logFiltersQuery({ from: "yesterday" }).error).toBe("The start date must be a date (YYYY-MM-DD).");
    expect(logFiltersQuery({ from: "2026-02-01", to: "2026-01-01" }).error).toBe("The start date is after the end date.");
  });

  it("reads the first value of each parameter, trimmed and bounded", () => {
    expect(readLogFilters({ type: ["s", "f"], user: "  a  ", q: "x".repeat(600) })).toEqual({ type: "s", user: "a", client: undefined, from: undefined, to: undefined, q: "x".repeat(512) });
  });
});
