import { describe, expect, it } from "vitest";
import type { QueryNode } from "./ast.ts";
import { formatQuery } from "./format-query.ts";
import { parseQuery } from "./parse-query.ts";

/** The tree without positions. */
function shape(node: QueryNode): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === "position" || key === "fieldPosition" ? undefined : value)),
  );
}

const at = { position: 0 } as const;

describe("formatQuery", () => {
  it.each<[string, QueryNode]>([
    ["name:jane", { kind: "term", field: "name", value: { kind: "word", text: "jane" }, ...at, fieldPosition: 0 }],
    ["\\AND", { kind: "term", field: null, value: { kind: "word", text: "AND" }, ...at, fieldPosition: null }],
    ["John\\ Doe", { kind: "term", field: null, value: { kind: "word", text: "John Doe" }, ...at, fieldPosition: null }],
    ["\\-1", { kind: "term", field: null, value: { kind: "word", text: "-1" }, ...at, fieldPosition: null }],
    ['"a \\"b\\" \\\\"', { kind: "term", field: null, value: { kind: "phrase", text: 'a "b" \\' }, ...at, fieldPosition: null }],
    [
      "x:a\\*b*",
      {
        kind: "term",
        field: "x",
        value: { kind: "wildcard", parts: [{ kind: "literal", text: "a*b" }, { kind: "any" }] },
        ...at,
        fieldPosition: 0,
      },
    ],
    [
      'x:{"a b" TO *]',
      { kind: "range", field: "x", lower: { value: "a b", inclusive: false }, upper: { value: null, inclusive: true }, ...at, fieldPosition: 0 },
    ],
    ["_exists_:user_metadata.\\raw", { kind: "exists", field: "user_metadata.raw", ...at, fieldPosition: 0 }],
  ])("writes %s", (text, node) => {
    expect(formatQuery(node)).toBe(text);
    expect(shape(parseQuery(text))).toEqual(shape(node));
  });

  it("round-trips arbitrary words, phrases, fields and bounds", () => {
    // Deterministic pseudo-random strings over an alphabet heavy in reserved characters.
    const alphabet = [..."ab.+-&|!(){}[]^\"~*?:\\/ <>=_", "AND", "OR", "NOT", "TO", "raw", "é", "😀", "\t"];
    let seed = 42;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const text = () => Array.from({ length: 1 + random(6) }, () => alphabet[random(alphabet.length)]).join("");
    const segment = () => text().replaceAll(".", "") || "s";
    for (let index = 0; index < 2000; index++) {
      const field = Array.from({ length: 1 + random(3) }, segment).join(".");
      const nodes: QueryNode[] = [
        { kind: "term", field, value: { kind: "word", text: text() }, ...at, fieldPosition: 0 },
        { kind: "term", field: null, value: { kind: "phrase", text: text() }, ...at, fieldPosition: null },
        {
          kind: "term",
          field,
          value: { kind: "wildcard", parts: [{ kind: "literal", text: text() }, { kind: "any" }] },
          ...at,
          fieldPosition: 0,
        },
        { kind: "range", field, lower: { value: text(), inclusive: true }, upper: { value: text(), inclusive: false }, ...at, fieldPosition: 0 },
        { kind: "exists", field, ...at, fieldPosition: 0 },
      ];
      for (const node of nodes) {
        const formatted = formatQuery(node);
        expect({ formatted, node: shape(parseQuery(formatted)) }).toEqual({ formatted, node: shape(node) });
      }
    }
  });
});
