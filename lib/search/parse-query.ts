// Parses a search query (user search v3, auth0-management-api.md §4; log search, §9.3) into the
// syntax tree of ast.ts, or throws QuerySyntaxError. Syntax only: field semantics are the compilers'.
//
// Grammar (Lucene classic syntax, restricted as §4 describes; precedence NOT > AND > OR):
//
//   query     = or EOF
//   or        = sequence { ("OR" | "||") sequence }
//   sequence  = and { and }                           juxtaposition: Lucene's default OR (§4.3)
//   and       = unary { ("AND" | "&&") unary }
//   unary     = ("NOT" | "!") unary | ["+" | "-"] primary
//   primary   = "(" or ")" | field ":" value | term | range | comparison      range/comparison: in a field group only
//   value     = "(" or ")" | term | range | comparison                         the group's terms all get the field
//   term      = word | phrase                        a word may hold `*` wildcards
//   range     = ("[" | "{") bound "TO" bound ("]" | "}")                       bound: text, "quoted" or `*`
//   comparison= (">=" | ">" | "<=" | "<") (word | phrase)                     v2 syntax, mapped to a range (§4.5)
//   exists    = "_exists_" ":" fieldname                                      (a field clause whose field is _exists_)
//
// Semantics decided here:
// - Operators are boolean: `a OR NOT b` is a ∨ ¬b, which is what Auth0's examples mean
//   (§4.10 "unverified email", "never logged in"). Lower-case `and`/`or`/`not` are plain words.
// - Juxtaposed clauses follow Lucene: `a b` is a OR b. Within such a run, `+x` marks x required and
//   `-x`, `NOT x`, `!x` mark x prohibited, as in Lucene: `a -b` is a AND NOT b, `+a +b` is a AND b,
//   `a b -c` is (a OR b) AND NOT c, and a run of prohibited clauses alone (`-a`) matches everything
//   else, as Auth0's Elasticsearch does. Lucene would ignore an optional clause next to a required
//   one (`+a b` matches a; b only scores); we have no scoring, so that is rejected rather than
//   silently dropped. Explicit operators and parentheses are plain boolean: `a OR -b` is a ∨ ¬b,
//   `(NOT a) b` is ¬a ∨ b.
// - `+`/`-` must touch what they modify (`-a`; `- a` is an error). Right after `field:` they are part
//   of the value (`offset:-5`).
// - A leading wildcard needs at least 3 literal characters right after it (§4.4: `*usa` ok, `*sa`
//   not; `*john*` ok). A lone `*` is rejected: `_exists_:field` says that.
// - A quoted value is always literal: `"jo*"` searches for the three characters j, o, *.
// - `.raw` sub-fields (v2 only, §4.7) are rejected; a metadata key really named `raw` can be reached
//   by escaping it (`user_metadata.\raw`).
import type { QueryNode, RangeBound, RangeNode, TermNode, TermValue, WildcardPart } from "./ast.ts";
import { isWhitespace, QueryLexer, type ComparisonOperator, type Token } from "./query-lexer.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

export type ParseQueryOptions = {
  /** Longest accepted query, in characters (UTF-16 code units). */
  maxLength?: number;
  /** Deepest accepted nesting of parentheses, field groups and NOT operators. */
  maxDepth?: number;
  /** Most accepted leaf clauses (terms, ranges, `_exists_`), counting each term of a field group. */
  maxClauses?: number;
};

/**
 * Guard rails against pathological input. 4096 characters is far above any real query and below
 * common URL limits (§4.8: too long a URL is a 414 anyway); 32 levels and 256 clauses bound the
 * recursion here and the size of the SQL a compiler generates.
 */
export const DEFAULT_QUERY_LIMITS: Readonly<Required<ParseQueryOptions>> = {
  maxLength: 4096,
  maxDepth: 32,
  maxClauses: 256,
};

export function parseQuery(q: string, options: ParseQueryOptions = {}): QueryNode {
  const limits = resolveLimits(options);
  if (q.length > limits.maxLength) {
    throw new QuerySyntaxError(
      `The query is too long (${q.length} characters; the maximum is ${limits.maxLength})`,
      limits.maxLength,
    );
  }
  if ([...q].every(isWhitespace)) throw new QuerySyntaxError("The query is empty", 0);
  return new Parser(q, limits).parse();
}

function resolveLimits(options: ParseQueryOptions): Required<ParseQueryOptions> {
  const limits = { ...DEFAULT_QUERY_LIMITS };
  for (const key of ["maxLength", "maxDepth", "maxClauses"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`parseQuery: ${key} must be a positive integer`);
    }
    limits[key] = value;
  }
  return limits;
}

/** The field a field group `field:( ... )` applies to its terms. */
type FieldContext = { readonly name: string; readonly position: number };

/** A clause of a juxtaposed run, with its Lucene modifier (see "Semantics" above). */
type Operand = {
  readonly node: QueryNode;
  readonly modifier: "none" | "required" | "prohibited";
  readonly position: number;
};

const CLAUSE_START: ReadonlySet<Token["type"]> = new Set([
  "lparen",
  "not",
  "required",
  "prohibited",
  "word",
  "phrase",
  "range",
  "comparison",
]);

const PRIMARY_START: ReadonlySet<Token["type"]> = new Set(["lparen", "word", "phrase", "range", "comparison"]);

const OPERATOR_NAMES: Partial<Record<Token["type"], string>> = { and: "AND", or: "OR", not: "NOT" };

class Parser {
  private readonly lexer: QueryLexer;
  private depth = 0;
  private clauses = 0;

  constructor(
    private readonly source: string,
    private readonly limits: Required<ParseQueryOptions>,
  ) {
    this.lexer = new QueryLexer(source);
  }

  parse(): QueryNode {
    const node = this.parseOr(null);
    const rest = this.lexer.peek();
    if (rest.type !== "end") throw this.unexpected(rest);
    return node;
  }

  private parseOr(field: FieldContext | null): QueryNode {
    const children = [this.parseSequence(field)];
    while (this.lexer.peek().type === "or") {
      this.expectClauseAfter(this.lexer.next());
      children.push(this.parseSequence(field));
    }
    return makeOr(children);
  }

  private parseSequence(field: FieldContext | null): QueryNode {
    const operands = [this.parseAnd(field)];
    while (CLAUSE_START.has(this.lexer.peek().type)) operands.push(this.parseAnd(field));
    return resolveSequence(operands);
  }

  private parseAnd(field: FieldContext | null): Operand {
    const first = this.parseUnary(field);
    if (this.lexer.peek().type !== "and") return first;
    const children = [first.node];
    while (this.lexer.peek().type === "and") {
      this.expectClauseAfter(this.lexer.next());
      children.push(this.parseUnary(field).node);
    }
    return { node: makeAnd(children), modifier: "none", position: first.position };
  }

  private parseUnary(field: FieldContext | null): Operand {
    const token = this.lexer.peek();
    if (token.type === "not") {
      this.lexer.next();
      this.expectClauseAfter(token);
      this.enter(token);
      const child = this.parseUnary(field);
      this.depth--;
      const node: QueryNode = { kind: "not", child: child.node, position: token.position };
      return { node, modifier: "prohibited", position: token.position };
    }
    if (token.type === "required" || token.type === "prohibited") {
      this.lexer.next();
      const target = this.lexer.peek();
      if (!PRIMARY_START.has(target.type)) {
        const sign = this.source[token.position];
        throw new QuerySyntaxError(
          `'${sign}' at position ${token.position} must be directly followed by a term, phrase, field or group`,
          token.position,
        );
      }
      const primary = this.parsePrimary(field);
      const node: QueryNode =
        token.type === "prohibited" ? { kind: "not", child: primary, position: token.position } : primary;
      return { node, modifier: token.type, position: token.position };
    }
    return { node: this.parsePrimary(field), modifier: "none", position: token.position };
  }

  private parsePrimary(field: FieldContext | null): QueryNode {
    const token = this.lexer.next();
    switch (token.type) {
      case "lparen":
        return this.parseGroup(token, field);
      case "word":
        if (this.lexer.peek().type === "colon") return this.parseFieldClause(token, field);
        return this.term(token, field);
      case "phrase":
        return this.term(token, field);
      case "range":
        return this.range(token, this.requireField(token, field, "A range"));
      case "comparison":
        return this.comparison(token, this.requireField(token, field, "A comparison"));
      default:
        throw this.unexpected(token);
    }
  }

  /** `( ... )`, either plain grouping or the body of a field group. */
  private parseGroup(open: Token, field: FieldContext | null): QueryNode {
    this.enter(open);
    this.expectClauseAfter(open);
    const inner = this.parseOr(field);
    const close = this.lexer.next();
    if (close.type === "end") {
      throw new QuerySyntaxError(`The '(' at position ${open.position} is never closed`, open.position);
    }
    if (close.type !== "rparen") throw this.unexpected(close);
    this.depth--;
    return inner;
  }

  /** `field:value`, `field:( ... )` or `_exists_:field`; the lexer is on the colon. */
  private parseFieldClause(name: Token & { type: "word" }, outer: FieldContext | null): QueryNode {
    if (outer) {
      throw new QuerySyntaxError(
        `A field cannot be used inside the group of field '${outer.name}' (position ${name.position})`,
        name.position,
      );
    }
    const field: FieldContext = { name: this.fieldPath(name), position: name.position };
    const colon = this.lexer.next();
    const value = this.lexer.next();
    if (field.name === "_exists_") return this.exists(name, value);
    switch (value.type) {
      case "lparen":
        return this.parseGroup(value, field);
      case "word":
      case "phrase":
        return this.term(value, field);
      case "range":
        return this.range(value, field);
      case "comparison":
        return this.comparison(value, field);
      default:
        throw this.unexpected(value, `'${this.source.slice(name.position, colon.end)}' needs a value`);
    }
  }

  private exists(keyword: Token, target: Token): QueryNode {
    if (target.type !== "word") {
      if (target.type === "end") {
        throw this.unexpected(target, "'_exists_:' needs a field name");
      }
      throw new QuerySyntaxError(
        `'_exists_:' needs a field name (position ${target.position}), as in _exists_:email`,
        target.position,
      );
    }
    const field = this.fieldPath(target);
    this.countClause(keyword);
    return { kind: "exists", field, position: keyword.position, fieldPosition: target.position };
  }

  private term(token: Token & { type: "word" | "phrase" }, field: FieldContext | null): TermNode {
    const value: TermValue =
      token.type === "phrase" ? { kind: "phrase", text: token.text } : this.wordValue(token.parts, token.position);
    this.countClause(token);
    return {
      kind: "term",
      field: field?.name ?? null,
      value,
      position: token.position,
      fieldPosition: field?.position ?? null,
    };
  }

  /** §4.4: only `*`; a leading one needs at least 3 literal characters after it. */
  private wordValue(parts: readonly WildcardPart[], position: number): TermValue {
    const [first, second] = parts;
    if (first?.kind === "literal" && second === undefined) return { kind: "word", text: first.text };
    if (first?.kind === "any") {
      if (second?.kind !== "literal") {
        throw new QuerySyntaxError(
          `A lone '*' is not supported (position ${position}); use _exists_:field to find any value`,
          position,
        );
      }
      if ([...second.text].length < 3) {
        throw new QuerySyntaxError(
          `A leading wildcard needs at least 3 literal characters (position ${position})`,
          position,
        );
      }
    }
    return { kind: "wildcard", parts };
  }

  private range(token: Token & { type: "range" }, field: FieldContext): RangeNode {
    this.countClause(token);
    return {
      kind: "range",
      field: field.name,
      lower: token.lower,
      upper: token.upper,
      position: token.position,
      fieldPosition: field.position,
    };
  }

  /** §4.5: `>=x` -> `[x TO *]`, `>x` -> `{x TO *]`, `<=x` -> `[* TO x]`, `<x` -> `[* TO x}`. */
  private comparison(token: Token & { type: "comparison" }, field: FieldContext): RangeNode {
    const value = this.lexer.next();
    let text: string;
    if (value.type === "phrase" && value.position === token.end) {
      text = value.text;
    } else if (value.type === "word" && value.position === token.end) {
      const [first, second] = value.parts;
      if (first?.kind !== "literal" || second !== undefined) {
        throw new QuerySyntaxError(
          `A comparison value cannot contain a wildcard (position ${value.position})`,
          value.position,
        );
      }
      text = first.text;
    } else {
      throw new QuerySyntaxError(
        `Expected a value right after '${token.operator}' at position ${token.end}`,
        token.end,
      );
    }
    const bounds = comparisonBounds(token.operator, text);
    this.countClause(token);
    return { kind: "range", field: field.name, ...bounds, position: token.position, fieldPosition: field.position };
  }

  private requireField(token: Token, field: FieldContext | null, what: string): FieldContext {
    if (field) return field;
    const example = token.type === "range" ? "logins_count:[1 TO 5]" : "logins_count:>=5";
    throw new QuerySyntaxError(`${what} needs a field, as in ${example} (position ${token.position})`, token.position);
  }

  /** A field name: a dotted path of non-empty segments without wildcards. */
  private fieldPath(token: Token & { type: "word" }): string {
    const [first, second] = token.parts;
    if (first?.kind !== "literal" || second !== undefined) {
      const message = `Wildcards are not allowed in field names (position ${token.position})`;
      throw new QuerySyntaxError(message, token.position);
    }
    const path = first.text;
    if (path.split(".").some((segment) => segment === "")) {
      const message = `Invalid field name '${this.lexer.text(token)}' at position ${token.position}`;
      throw new QuerySyntaxError(message, token.position);
    }
    const raw = this.source.slice(token.position, token.end);
    if (raw.endsWith(".raw")) {
      const at = token.end - 4;
      throw new QuerySyntaxError(
        `The '.raw' sub-field is not supported (position ${at}); ` +
          `values are not tokenized, so search '${path.slice(0, -4)}' itself`,
        at,
      );
    }
    return path;
  }

  private expectClauseAfter(operator: Token): void {
    const next = this.lexer.peek();
    if (CLAUSE_START.has(next.type)) return;
    const name = `'${this.lexer.text(operator)}'`;
    throw this.unexpected(next, `${name} must be followed by a clause`);
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) {
      throw new QuerySyntaxError(
        `The query is nested too deeply at position ${token.position} (the maximum is ${this.limits.maxDepth} levels)`,
        token.position,
      );
    }
  }

  private countClause(token: Token): void {
    this.clauses++;
    if (this.clauses > this.limits.maxClauses) {
      throw new QuerySyntaxError(
        `The query has too many clauses at position ${token.position} (the maximum is ${this.limits.maxClauses})`,
        token.position,
      );
    }
  }

  private unexpected(token: Token, context?: string): QuerySyntaxError {
    const what = token.type === "end" ? "end of query" : `'${this.lexer.text(token)}'`;
    let hint = context;
    if (!hint && token.type === "colon") hint = "escape it as '\\:' or quote the value";
    const operator = OPERATOR_NAMES[token.type];
    if (operator && this.lexer.text(token) === operator) {
      hint = `${hint ? `${hint}; ` : ""}quote it to search for the word`;
    }
    const message = `Unexpected ${what} at position ${token.position}${hint ? `; ${hint}` : ""}`;
    return new QuerySyntaxError(message, token.position);
  }
}

function comparisonBounds(operator: ComparisonOperator, value: string): { lower: RangeBound; upper: RangeBound } {
  const open: RangeBound = { value: null, inclusive: true };
  switch (operator) {
    case ">=":
      return { lower: { value, inclusive: true }, upper: open };
    case ">":
      return { lower: { value, inclusive: false }, upper: open };
    case "<=":
      return { lower: open, upper: { value, inclusive: true } };
    case "<":
      return { lower: open, upper: { value, inclusive: false } };
  }
}

/** Lucene's reading of a juxtaposed run, in boolean terms (see "Semantics" above). */
function resolveSequence(operands: readonly Operand[]): QueryNode {
  if (operands.length === 1) return operands[0]!.node;
  const required = operands.find((operand) => operand.modifier === "required");
  const optional = operands.filter((operand) => operand.modifier === "none");
  const ignored = optional[0];
  if (required && ignored) {
    throw new QuerySyntaxError(
      `The clause at position ${ignored.position} would be ignored because the clause at position ${required.position} ` +
        `is required with '+'; join them with AND or OR, or mark every clause with '+' or '-'`,
      ignored.position,
    );
  }
  if (optional.length === operands.length) return makeOr(optional.map((operand) => operand.node));
  const children: QueryNode[] = [];
  for (const operand of operands) {
    if (operand.modifier !== "none") children.push(operand.node);
    else if (operand === ignored) children.push(makeOr(optional.map((each) => each.node)));
  }
  return makeAnd(children);
}

function makeAnd(children: readonly QueryNode[]): QueryNode {
  const flat = children.flatMap((child) => (child.kind === "and" ? child.children : [child]));
  return flat.length === 1 ? flat[0]! : { kind: "and", children: flat, position: flat[0]!.position };
}

function makeOr(children: readonly QueryNode[]): QueryNode {
  const flat = children.flatMap((child) => (child.kind === "or" ? child.children : [child]));
  return flat.length === 1 ? flat[0]! : { kind: "or", children: flat, position: flat[0]!.position };
}
