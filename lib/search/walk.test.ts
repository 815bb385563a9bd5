import { describe, expect, it } from "vitest";
import type { QueryNode, TermValue } from "./ast.ts";
import { isLeafNode } from "./ast.ts";
import { parseQuery } from "./parse-query.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";
import { collectLeaves, walk, type QueryVisitor } from "./walk.ts";

/** A toy compiler, the way a SQL compiler would use walk: fragments folded bottom-up. */
const toSql: QueryVisitor<string> = {
  and: (_node, children) => `(${children.join(" AND ")})`,
  or: (_node, children) => `(${children.join(" OR ")})`,
  not: (_node, child) => `NOT ${child}`,
  term: (node) => `${node.field ?? "*"} ${sqlValue(node.value)}`,
  range: (node) =>
    [
      node.lower.value === null ? null : `${node.field} ${node.lower.inclusive ? ">=" : ">"} '${node.lower.value}'`,
      node.upper.value === null ? null : `${node.field} ${node.upper.inclusive ? "<=" : "<"} '${node.upper.value}'`,
    ]
      .filter((part) => part !== null)
      .join(" AND ") || "TRUE",
  exists: (node) => `${node.field} IS NOT NULL`,
};

function sqlValue(value: TermValue): string {
  if (value.kind !== "wildcard") return `= '${value.text}'`;
  const pattern = value.parts.map((part) => (part.kind === "any" ? "%" : part.text.replace(/[\\%_]/g, "\\$&"))).join("");
  return `LIKE '${pattern}'`;
}

describe("walk", () => {
  it.each([
    ["name:jane", "name = 'jane'"],
    ["name:*50%_off*", "name LIKE '%50\\%\\_off%'"],
    ["a b -c", "((* = 'a' OR * = 'b') AND NOT * = 'c')"],
    ["logins_count:{1 TO *]", "logins_count > '1'"],
    ["x:[* TO *]", "TRUE"],
    ["NOT _exists_:email OR email_verified:false", "(NOT email IS NOT NULL OR email_verified = 'false')"],
  ])("folds %s", (q, expected) => {
    expect(walk(parseQuery(q), toSql)).toBe(expected);
  });

  it("passes each handler its own node", () => {
    const kinds: string[] = [];
    const record = (node: QueryNode) => {
      kinds.push(node.kind);
    };
    walk<void>(parseQuery("NOT (a AND x:[1 TO 2]) OR _exists_:y"), {
      and: record,
      or: record,
      not: record,
      term: record,
      range: record,
      exists: record,
    });
    expect(kinds).toEqual(["term", "range", "and", "not", "exists", "or"]);
  });

  it("lets a validator reject a leaf at its position", () => {
    const rejectMetadataWildcards = (node: QueryNode) =>
      walk<void>(node, {
        and: () => {},
        or: () => {},
        not: () => {},
        term: (term) => {
          if (term.value.kind === "wildcard" && term.field?.startsWith("user_metadata.")) {
            throw new QuerySyntaxError(`Wildcards are not allowed on user_metadata (position ${term.position})`, term.position);
          }
        },
        range: () => {},
        exists: () => {},
      });
    expect(() => rejectMetadataWildcards(parseQuery("user_metadata.a:x*"))).toThrow(
      new QuerySyntaxError("Wildcards are not allowed on user_metadata (position 16)", 16),
    );
    expect(() => rejectMetadataWildcards(parseQuery("user_metadata.a:x"))).not.toThrow();
  });
});

describe("collectLeaves", () => {
  it("returns every leaf", () => {
    const leaves = collectLeaves(parseQuery("name:(a OR b) AND NOT x:[1 TO 2] OR _exists_:y"));
    expect(leaves.map((leaf) => leaf.kind)).toEqual(["term", "term", "range", "exists"]);
    expect(leaves.every(isLeafNode)).toBe(true);
  });
});
