// The tokenizer for parse-query.ts: turns the query string into tokens on demand, so that the first
// mistake in reading order is the one reported.
//
// Lexical rules (Lucene classic query parser, auth0-management-api.md §4.7):
// - Reserved characters `+ - && || ! ( ) { } [ ] ^ " ~ * ? : \ /` mean syntax unless escaped with a
//   backslash; a backslash escapes any character (`John\ Doe`, `\*`, `\:`), as in Lucene.
// - Inside a word, `+`, `-`, `&`, `|`, `>`, `<` and `=` are ordinary characters (`google-oauth2`,
//   `auth0|123`); `+`/`-` are modifiers only where a clause starts, and `&&`/`||` are operators only
//   as a token of their own.
// - `?`, `~`, `^` and `/` (wildcard, fuzzy/proximity, boost, regex) are unsupported (§4.7) and
//   rejected where they appear, so a query never silently means something else.
// - A range `[a TO b}` is read as one token: inside it, bounds are runs of anything but whitespace,
//   `]` and `}` (Lucene's range "goop"), so ISO timestamps need no escaping: `[2017-12-31T00:00:00Z TO *]`.
import type { RangeBound, WildcardPart } from "./ast.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

export type ComparisonOperator = ">=" | ">" | "<=" | "<";

type Span = { readonly position: number; readonly end: number };

export type Token =
  | (Span & { readonly type: "lparen" | "rparen" | "colon" | "and" | "or" | "not" | "required" | "prohibited" | "end" })
  | (Span & { readonly type: "comparison"; readonly operator: ComparisonOperator })
  /** `parts` is normalized as WildcardValue describes; a word without `*` is a single literal. */
  | (Span & { readonly type: "word"; readonly parts: readonly WildcardPart[] })
  | (Span & { readonly type: "phrase"; readonly text: string })
  | (Span & { readonly type: "range"; readonly lower: RangeBound; readonly upper: RangeBound });

export type TokenType = Token["type"];

const KEYWORDS: Readonly<Record<string, "and" | "or" | "not">> = { AND: "and", OR: "or", NOT: "not" };

export function isWhitespace(char: string): boolean {
  return /\s/u.test(char);
}

/** Builds normalized wildcard parts: adjacent literals merged, runs of `*` collapsed into one. */
class PartsBuilder {
  readonly parts: WildcardPart[] = [];
  private literal = "";

  addText(text: string): void {
    this.literal += text;
  }

  addAny(): void {
    this.flush();
    if (this.parts.at(-1)?.kind !== "any") this.parts.push({ kind: "any" });
  }

  finish(): WildcardPart[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    if (this.literal !== "") this.parts.push({ kind: "literal", text: this.literal });
    this.literal = "";
  }
}

export class QueryLexer {
  private index = 0;
  private readonly buffer: Token[] = [];
  /** Type of the last token read from the source, which decides how `+`, `-`, `>` and `<` read. */
  private previous: TokenType | null = null;

  constructor(readonly source: string) {}

  /** The token `ahead` positions after the next one, without consuming anything. */
  peek(ahead = 0): Token {
    while (this.buffer.length <= ahead) this.buffer.push(this.read());
    return this.buffer[ahead]!;
  }

  next(): Token {
    const token = this.peek();
    this.buffer.shift();
    return token;
  }

  /** The source text of a token, shortened for error messages. */
  text(token: Token): string {
    const text = this.source.slice(token.position, token.end);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }

  private read(): Token {
    const token = this.readToken();
    this.previous = token.type;
    return token;
  }

  private readToken(): Token {
    const { source } = this;
    while (this.index < source.length && isWhitespace(source[this.index]!)) this.index++;
    const start = this.index;
    const char = source[start];
    if (char === undefined) return { type: "end", position: start, end: start };
    const next = source[start + 1];
    switch (char) {
      case "(":
        return this.single("lparen");
      case ")":
        return this.single("rparen");
      case ":":
        return this.single("colon");
      case "!":
        return this.single("not");
      case '"':
        return this.readPhrase();
      case "[":
      case "{":
        return this.readRange();
      case "]":
      case "}":
        throw new QuerySyntaxError(`Unexpected '${char}' at position ${start}; escape it as '\\${char}'`, start);
      case "&":
      case "|":
        if (next === char) {
          this.index += 2;
          return { type: char === "&" ? "and" : "or", position: start, end: this.index };
        }
        return this.readWord();
      case "+":
      case "-":
        // After `field:` or a comparison the sign belongs to the value (`offset:-5`, `>-5`).
        if (this.previous === "colon" || this.previous === "comparison") return this.readWord();
        if (next === undefined || isWhitespace(next)) {
          throw new QuerySyntaxError(
            `'${char}' at position ${start} must be directly followed by a term, phrase, field or group; ` +
              `escape it as '\\${char}' to search for the character`,
            start,
          );
        }
        this.index++;
        return { type: char === "+" ? "required" : "prohibited", position: start, end: this.index };
      case ">":
      case "<":
        if (this.previous === "comparison") return this.readWord();
        return this.readComparison(char);
      default:
        return this.readWord();
    }
  }

  private single(type: "lparen" | "rparen" | "colon" | "not"): Token {
    const position = this.index++;
    return { type, position, end: this.index };
  }

  private readComparison(char: ">" | "<"): Token {
    const position = this.index;
    const operator: ComparisonOperator =
      this.source[position + 1] === "=" ? (char === ">" ? ">=" : "<=") : char === ">" ? ">" : "<";
    this.index += operator.length;
    const after = this.source[this.index];
    if (after === undefined || isWhitespace(after)) {
      throw new QuerySyntaxError(`Expected a value right after '${operator}' at position ${this.index}`, this.index);
    }
    return { type: "comparison", operator, position, end: this.index };
  }

  /** Reads the character (a whole code point) at `index`, so escaping an emoji keeps it intact. */
  private codePointAt(index: number): string {
    return String.fromCodePoint(this.source.codePointAt(index)!);
  }

  private readWord(): Token {
    const { source } = this;
    const position = this.index;
    const parts = new PartsBuilder();
    while (this.index < source.length) {
      const at = this.index;
      const char = source[at]!;
      if (isWhitespace(char) || char === "(" || char === ")" || char === ":") break;
      if (char === "\\") {
        if (at + 1 >= source.length) {
          throw new QuerySyntaxError(`The '\\' at position ${at} ends the query; it must escape a character`, at);
        }
        const escaped = this.codePointAt(at + 1);
        parts.addText(escaped);
        this.index = at + 1 + escaped.length;
        continue;
      }
      if (char === "*") {
        parts.addAny();
        this.index++;
        continue;
      }
      rejectUnsupported(char, at);
      if (char === '"' || char === "[" || char === "]" || char === "{" || char === "}" || char === "!") {
        throw new QuerySyntaxError(`Unexpected '${char}' at position ${at}; escape it as '\\${char}'`, at);
      }
      const text = this.codePointAt(at);
      parts.addText(text);
      this.index += text.length;
    }
    const end = this.index;
    const word = source.slice(position, end);
    // Own keys only: a plain object would also "find" constructor, toString, __proto__, ...
    const keyword = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (keyword) return { type: keyword, position, end };
    return { type: "word", parts: parts.finish(), position, end };
  }

  /** A double-quoted phrase; `\` makes the next character literal (`\"`, `\\`). */
  private readPhrase(): Token {
    const position = this.index;
    const text = this.readQuoted();
    return { type: "phrase", text, position, end: this.index };
  }

  private readQuoted(): string {
    const { source } = this;
    const position = this.index;
    let text = "";
    let at = position + 1;
    for (;;) {
      const char = source[at];
      if (char === undefined || (char === "\\" && at + 1 >= source.length)) {
        throw new QuerySyntaxError(`Unterminated phrase starting at position ${position}`, position);
      }
      if (char === '"') break;
      const literal = char === "\\" ? this.codePointAt(at + 1) : this.codePointAt(at);
      text += literal;
      at += literal.length + (char === "\\" ? 1 : 0);
    }
    this.index = at + 1;
    return text;
  }

  /** `[a TO b]`, `{a TO b}`, mixed `[a TO b}`, `*` for an open end (§4.5). */
  private readRange(): Token {
    const { source } = this;
    const position = this.index;
    const unterminated = () =>
      new QuerySyntaxError(`Unterminated range starting at position ${position}`, position);
    const skipWhitespace = () => {
      const before = this.index;
      while (this.index < source.length && isWhitespace(source[this.index]!)) this.index++;
      if (this.index >= source.length) throw unterminated();
      return this.index > before;
    };

    this.index++;
    skipWhitespace();
    const lower = this.readBound("lower", unterminated);
    if (!skipWhitespace()) {
      throw new QuerySyntaxError(`Expected ' TO ' after the lower bound at position ${this.index}`, this.index);
    }
    const to = this.index;
    if (!source.startsWith("TO", to)) {
      throw new QuerySyntaxError(`Expected 'TO' at position ${to} (a range is written [low TO high])`, to);
    }
    this.index += 2;
    const afterTo = source[this.index];
    if (afterTo === "]" || afterTo === "}") {
      throw new QuerySyntaxError(`Missing upper bound at position ${this.index}; use '*' for an open end`, this.index);
    }
    if (!skipWhitespace()) {
      throw new QuerySyntaxError(`Expected 'TO' at position ${to} (a range is written [low TO high])`, to);
    }
    const upper = this.readBound("upper", unterminated);
    skipWhitespace();
    const close = source[this.index]!;
    if (close !== "]" && close !== "}") {
      throw new QuerySyntaxError(`Expected ']' or '}' to end the range at position ${this.index}`, this.index);
    }
    this.index++;
    return {
      type: "range",
      lower: { value: lower, inclusive: source[position] === "[" },
      upper: { value: upper, inclusive: close === "]" },
      position,
      end: this.index,
    };
  }

  /** One range bound: a quoted string, a lone `*` (open end, returns null), or unquoted text. */
  private readBound(which: "lower" | "upper", unterminated: () => QuerySyntaxError): string | null {
    const { source } = this;
    const position = this.index;
    if (source[position] === '"') return this.readQuoted();
    let text = "";
    let stars = 0;
    let literals = 0;
    while (this.index < source.length) {
      const at = this.index;
      const char = source[at]!;
      if (isWhitespace(char) || char === "]" || char === "}") break;
      if (char === "\\") {
        if (at + 1 >= source.length) throw unterminated();
        const escaped = this.codePointAt(at + 1);
        text += escaped;
        literals++;
        this.index = at + 1 + escaped.length;
        continue;
      }
      if (char === "*") stars++;
      else literals++;
      const literal = this.codePointAt(at);
      text += literal;
      this.index += literal.length;
    }
    if (this.index >= source.length) throw unterminated();
    if (stars === 0 && literals === 0) {
      throw new QuerySyntaxError(`Missing ${which} bound at position ${position}; use '*' for an open end`, position);
    }
    if (stars > 0) {
      if (stars === 1 && literals === 0) return null;
      throw new QuerySyntaxError(
        `A range bound cannot contain a wildcard (position ${position}); use '*' alone for an open end`,
        position,
      );
    }
    // `[ TO 5]` would otherwise read `TO` as the lower bound; a bound that is literally TO must be quoted.
    if (source.slice(position, this.index) === "TO") {
      throw new QuerySyntaxError(`Missing ${which} bound at position ${position}; use '*' for an open end`, position);
    }
    return text;
  }
}

/** The reserved characters of Lucene features the v3 language does not have (§4.4, §4.7). */
function rejectUnsupported(char: string, position: number): void {
  switch (char) {
    case "?":
      throw new QuerySyntaxError(`Wildcard '?' is not supported (position ${position}); use '*'`, position);
    case "~":
      throw new QuerySyntaxError(
        `Fuzzy and proximity search ('~') is not supported (position ${position}); escape it as '\\~' to search for the character`,
        position,
      );
    case "^":
      throw new QuerySyntaxError(
        `Boosting ('^') is not supported (position ${position}); escape it as '\\^' to search for the character`,
        position,
      );
    case "/":
      throw new QuerySyntaxError(
        `Regular expressions ('/') are not supported (position ${position}); escape it as '\\/' to search for the character`,
        position,
      );
  }
}
