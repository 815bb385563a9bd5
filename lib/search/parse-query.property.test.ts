// Property tests of the query language (fast-check):
// - any string either parses or is refused with a QuerySyntaxError (never another exception), and
//   whatever parses, the user and log compilers either compile or refuse with a QuerySyntaxError,
//   on both dialects: a client's mistake is always a 400, never a 500;
// - printing a syntax tree and parsing it back gives the same tree (positions aside), for every tree
//   the parser can produce.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueryNode, RangeBound, TermValue, WildcardPart } from "./ast.ts";
import { compileLogQuery } from "./compile-log-query.ts";
import { compileUserQuery } from "./compile-user-query.ts";
import { formatQuery } from "./format-query.ts";
import { parseQuery } from "./parse-query.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

/** The tree without positions. */
function shape(node: QueryNode): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "position" || key === "fieldPosition" ? undefined : value)));
}

function parsesOrRefuses(q: string): QueryNode | null {
  try {
    return parseQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      expect(error.position).toBeGreaterThanOrEqual(0);
      expect(error.message.length).toBeGreaterThan(0);
      return null;
    }
    throw error;
  }
}

function compilesOrRefuses(compile: () => unknown): void {
  try {
    compile();
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
  }
}

// Strings dense in the language's syntax, so random input reaches deep into the parser.
const SYNTAX = [
  "AND", "OR", "NOT", "TO", "&&", "||", "!", "+", "-", "(", ")", "[", "]", "{", "}", ":", '"', "\\", "*", "?", "~", "^", "/",
  ">", ">=", "<", "<=", " ", "\t", "\u3000", "_exists_", "name", "email.domain", "user_metadata.a.b", "app_metadata.n", "logins_count",
  "created_at", "identities.connection", "2024-05", "17", "jo", "smith", "\u00e9", "\u{1F600}", "\u0000", ".raw", "TO*",
] as const;
const syntaxSoup = fc.array(fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ maxLength: 4 })), { maxLength: 24 }).map((parts) => parts.join(""));
const anyString = fc.oneof(fc.string({ maxLength: 64 }), fc.string({ unit: "binary", maxLength: 64 }), syntaxSoup);

describe("parseQuery and the compilers never crash", () => {
  it("answer any string with a tree or a QuerySyntaxError", () => {
    fc.assert(
      fc.property(anyString, (q) => {
        const tree = parsesOrRefuses(q);
        if (!tree) return;
        compilesOrRefuses(() => compileUserQuery(tree, "sqlite"));
        compilesOrRefuses(() => compileUserQuery(tree, "postgres"));
        compilesOrRefuses(() => compileLogQuery(tree, "postgres"));
      }),
      { numRuns: 3000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Trees the parser produces (ast.ts contracts): and/or have >= 2 children, none of their own kind;
// words are non-empty; wildcard values alternate literal/any, have no empty literal, are not a
// lone `*`, and a leading `*` is followed by >= 3 characters; no field is named _exists_.

const TRICKY = ["AND", "OR", "NOT", "TO", "-x", "+x", "&&", "||", "!", "a:b", "x y", "\\", '"', "*", "?", "(", ")", "[x]", "{", "}", "~", "^", "/", ">=", "<", "_exists_"];
const text = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }),
  fc.array(fc.constantFrom(...TRICKY), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")),
);
const segment = fc.oneof(fc.constantFrom("name", "email", "user_metadata", "app_metadata", "identities", "raw", "AND", "x-y", "a b"), text);
const field = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join("."))
  .filter((name) => name !== "_exists_" && name.split(".").every((s) => s.length > 0 && !s.includes(".")));

const word: fc.Arbitrary<TermValue> = text.map((t) => ({ kind: "word", text: t }));
const phrase: fc.Arbitrary<TermValue> = fc.string({ unit: "grapheme", maxLength: 8 }).map((t) => ({ kind: "phrase", text: t }));
const wildcard: fc.Arbitrary<TermValue> = fc
  .tuple(fc.boolean(), fc.array(text, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([leading, literals, trailing]) => {
    const parts: WildcardPart[] = [];
    if (leading) parts.push({ kind: "any" });
    literals.forEach((literal, index) => {
      if (index > 0) parts.push({ kind: "any" });
      parts.push({ kind: "literal", text: literal });
    });
    if (trailing || parts.length === 1) parts.push({ kind: "any" });
    return { kind: "wildcard" as const, parts };
  })
  .filter((value) => value.parts[0]?.kind !== "any" || [...((value.parts[1] as { text?: string } | undefined)?.text ?? "")].length >= 3);
const bound: fc.Arbitrary<RangeBound> = fc.record({
  value: fc.option(fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom("2024-05", "17", "TO", "*", "a b")), { nil: null }),
  inclusive: fc.boolean(),
});

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({ field: fc.option(field, { nil: null }), value: fc.oneof(word, phrase, wildcard) }).map(
    ({ field: name, value }) => ({ kind: "term", field: name, value, position: 0, fieldPosition: name === null ? null : 0 }) as const,
  ),
  fc.record({ field, lower: bound, upper: bound }).map((range) => ({ kind: "range", ...range, position: 0, fieldPosition: 0 }) as const),
  field.map((name) => ({ kind: "exists", field: name, position: 0, fieldPosition: 0 }) as const),
);

const tree = fc.letrec<{ node: QueryNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((children) => group("and", children)),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((children) => group("or", children)),
    tie("node").map((child) => ({ kind: "not", child, position: 0 }) as const),
  ),
})).node;

/** An and/or node as the parser builds it: children of the same kind are flattened into it. */
function group(kind: "and" | "or", children: QueryNode[]): QueryNode {
  const flat = children.flatMap((child) => (child.kind === kind ? child.children : [child]));
  return { kind, children: flat, position: 0 };
}

describe("formatQuery", () => {
  it("prints any tree so that parsing it gives the same tree", () => {
    fc.assert(
      fc.property(tree, (node) => {
        const printed = formatQuery(node);
        expect(shape(parseQuery(printed, { maxDepth: 64, maxClauses: 1024, maxLength: 1 << 16 })), printed).toEqual(shape(node));
      }),
      { numRuns: 2000 },
    );
  });
});
