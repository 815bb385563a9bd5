// Writes a query tree back as canonical query syntax: explicit AND/OR/NOT, parentheses around every
// nested group, ranges in brackets (comparisons come out as `[x TO *]`), escapes only where needed.
// For logs, error reports and tests. Contract: parseQuery(formatQuery(node)) has the same shape as
// `node` (positions aside), for any tree parseQuery produced.
import type { QueryNode, RangeBound, TermNode, WildcardPart } from "./ast.ts";
import { isWhitespace } from "./query-lexer.ts";

export function formatQuery(node: QueryNode): string {
  return format(node, false);
}

function format(node: QueryNode, nested: boolean): string {
  switch (node.kind) {
    case "and":
    case "or": {
      const text = node.children.map((child) => format(child, true)).join(node.kind === "and" ? " AND " : " OR ");
      return nested ? `(${text})` : text;
    }
    case "not":
      return `NOT ${format(node.child, true)}`;
    case "term":
      return (node.field === null ? "" : `${formatField(node.field)}:`) + formatValue(node.value);
    case "range": {
      const open = node.lower.inclusive ? "[" : "{";
      const close = node.upper.inclusive ? "]" : "}";
      return `${formatField(node.field)}:${open}${formatBound(node.lower)} TO ${formatBound(node.upper)}${close}`;
    }
    case "exists":
      return `_exists_:${formatField(node.field)}`;
  }
}

function formatValue(value: TermNode["value"]): string {
  switch (value.kind) {
    case "word":
      return value.text === "" ? '""' : escapeText(value.text, true);
    case "phrase":
      return quote(value.text);
    case "wildcard":
      return value.parts
        .map((part: WildcardPart, index) => (part.kind === "any" ? "*" : escapeText(part.text, index === 0)))
        .join("");
  }
}

/** Dotted path; a last segment named `raw` is escaped so it does not read as a v2 `.raw` sub-field. */
function formatField(field: string): string {
  const segments = field.split(".").map((segment, index) => escapeText(segment, index === 0));
  if (segments.length > 1 && segments.at(-1) === "raw") segments[segments.length - 1] = "\\raw";
  return segments.join(".");
}

const ALWAYS_ESCAPED = new Set(["(", ")", ":", '"', "[", "]", "{", "}", "!", "*", "?", "~", "^", "/", "\\"]);
const KEYWORDS = new Set(["AND", "OR", "NOT"]);

/**
 * Backslash-escapes what the lexer would read as syntax. `atStart`: the text begins a token, where
 * `+ - > <`, a doubled `&&`/`||` and the keywords AND/OR/NOT mean something.
 */
function escapeText(text: string, atStart: boolean): string {
  let out = "";
  for (const char of text) {
    const first = atStart && out === "";
    const escape =
      ALWAYS_ESCAPED.has(char) ||
      isWhitespace(char) ||
      (first && (char === "+" || char === "-" || char === ">" || char === "<")) ||
      (first && (char === "&" || char === "|") && text[1] === char) ||
      (first && KEYWORDS.has(text));
    out += escape ? `\\${char}` : char;
  }
  return out;
}

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function formatBound(bound: RangeBound): string {
  if (bound.value === null) return "*";
  const plain = /^[^\s\]}"\\*]+$/u.test(bound.value) && bound.value !== "TO";
  return plain ? bound.value : quote(bound.value);
}
