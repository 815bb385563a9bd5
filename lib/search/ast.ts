// The syntax tree of a search query (user search v3, auth0-management-api.md §4; log search, §9.3).
//
// Contract for compilers:
// - The tree is syntax only. Which fields exist, which are case-insensitive, and whether wildcards or
//   ranges are allowed on a field (§4.4, §4.5: not on user_metadata) are decided by the per-domain
//   compiler, which may throw QuerySyntaxError with a node's position.
// - Values are raw strings exactly as written, with escapes already resolved. Nothing is lower-cased,
//   trimmed or converted to numbers or dates.
// - Field paths are dotted strings as written (`user_metadata.display.fontSize`, `identities.connection`,
//   `email.domain`); every segment is non-empty.
// - `position` is a 0-based offset into the query string (a JavaScript string index), for error messages.
// - Plain JSON objects: safe to log, snapshot or send across a worker boundary.

export type QueryNode = AndNode | OrNode | NotNode | TermNode | RangeNode | ExistsNode;

/** Nodes that test one field (or, for a bare term, the domain's default fields). */
export type LeafNode = TermNode | RangeNode | ExistsNode;

/** All children must match. Always has at least two children, none of them an AndNode. */
export type AndNode = {
  readonly kind: "and";
  readonly children: readonly QueryNode[];
  /** Where the first child starts. */
  readonly position: number;
};

/** At least one child must match. Always has at least two children, none of them an OrNode. */
export type OrNode = {
  readonly kind: "or";
  readonly children: readonly QueryNode[];
  /** Where the first child starts. */
  readonly position: number;
};

/** Boolean negation (`NOT x`, `!x` or `-x`). */
export type NotNode = {
  readonly kind: "not";
  readonly child: QueryNode;
  /** Where the operator (`NOT`, `!` or `-`) is. */
  readonly position: number;
};

/** `field:value`, or a bare `value` (field null: the domain decides which fields a bare term searches). */
export type TermNode = {
  readonly kind: "term";
  readonly field: string | null;
  readonly value: TermValue;
  /** Where the value starts. */
  readonly position: number;
  /** Where the field name was written (for a field group, the group's field); null for a bare term. */
  readonly fieldPosition: number | null;
};

/**
 * The value of a term. Values are never tokenized in v3 (§4.2): a word and a phrase both match the
 * whole field value; `kind` records whether the user quoted it, in case a compiler cares.
 */
export type TermValue = WordValue | PhraseValue | WildcardValue;

/** An unquoted value without wildcards: `jane`, `auth0|123`, `John\ Doe` (text `John Doe`). */
export type WordValue = { readonly kind: "word"; readonly text: string };

/** A double-quoted value: `"jane smith"`. Inside quotes `*` and `?` are literal characters. */
export type PhraseValue = { readonly kind: "phrase"; readonly text: string };

/**
 * An unquoted value with at least one unescaped `*` (§4.4), as alternating literal text and
 * wildcards, so a compiler escapes the literal parts itself (LIKE's `%` and `_`) and never re-parses
 * user text. Normalized: no two adjacent parts of the same kind, no empty literals. An escaped `\*`
 * is part of a literal.
 */
export type WildcardValue = { readonly kind: "wildcard"; readonly parts: readonly WildcardPart[] };

export type WildcardPart = { readonly kind: "literal"; readonly text: string } | { readonly kind: "any" };

/**
 * `field:[lower TO upper]` and friends (§4.5), including the v2 comparisons `field:>=x` etc., which
 * arrive here already mapped to ranges (`>=` -> `[x TO *]`, `>` -> `{x TO *]`, `<=` -> `[* TO x]`,
 * `<` -> `[* TO x}`).
 */
export type RangeNode = {
  readonly kind: "range";
  readonly field: string;
  readonly lower: RangeBound;
  readonly upper: RangeBound;
  /** Where the range (`[`, `{`, or the comparison operator) starts. */
  readonly position: number;
  readonly fieldPosition: number;
};

/** One end of a range. `value` null is an open end (`*`); `inclusive` is `[`/`]` versus `{`/`}`. */
export type RangeBound = { readonly value: string | null; readonly inclusive: boolean };

/** `_exists_:field` (§4.3): the field has a value. */
export type ExistsNode = {
  readonly kind: "exists";
  readonly field: string;
  /** Where `_exists_` is. */
  readonly position: number;
  /** Where the tested field's name is. */
  readonly fieldPosition: number;
};

export function isLeafNode(node: QueryNode): node is LeafNode {
  return node.kind === "term" || node.kind === "range" || node.kind === "exists";
}
