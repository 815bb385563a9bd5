import { describe, expect, it } from "vitest";
import type { QueryNode } from "./ast.ts";
import { formatQuery } from "./format-query.ts";
import { DEFAULT_QUERY_LIMITS, parseQuery } from "./parse-query.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

/** The tree without positions, for comparing shapes. */
function shape(node: QueryNode): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === "position" || key === "fieldPosition" ? undefined : value)),
  );
}

/** The canonical text of the parsed query: explicit operators and parentheses (format-query.ts). */
function canonical(q: string): string {
  return formatQuery(parseQuery(q));
}

function syntaxError(q: string, options?: Parameters<typeof parseQuery>[1]): QuerySyntaxError {
  try {
    parseQuery(q, options);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be rejected`);
}

const word = (text: string) => ({ kind: "word", text });
const phrase = (text: string) => ({ kind: "phrase", text });
const literal = (text: string) => ({ kind: "literal", text });
const any = { kind: "any" } as const;
const wildcard = (...parts: unknown[]) => ({ kind: "wildcard", parts });
const term = (field: string | null, value: unknown) => ({ kind: "term", field, value });
const range = (field: string, lower: [string | null, boolean], upper: [string | null, boolean]) => ({
  kind: "range",
  field,
  lower: { value: lower[0], inclusive: lower[1] },
  upper: { value: upper[0], inclusive: upper[1] },
});
const exists = (field: string) => ({ kind: "exists", field });
const and = (...children: unknown[]) => ({ kind: "and", children });
const or = (...children: unknown[]) => ({ kind: "or", children });
const not = (child: unknown) => ({ kind: "not", child });

describe("parseQuery: the example catalogue (auth0-management-api.md §4.10)", () => {
  it.each([
    ["name contains john", "name:*john*", term("name", wildcard(any, literal("john"), any))],
    ["name exactly jane", 'name:"jane"', term("name", phrase("jane"))],
    ["name starts with john", "name:john*", term("name", wildcard(literal("john"), any))],
    ["starts jane, ends smith", "name:jane*smith", term("name", wildcard(literal("jane"), any, literal("smith")))],
    ["email exactly", 'email:"john@exampleco.com"', term("email", phrase("john@exampleco.com"))],
    [
      "either of two emails",
      'email:("john@exampleco.com" OR "jane@exampleco.com")',
      or(term("email", phrase("john@exampleco.com")), term("email", phrase("jane@exampleco.com"))),
    ],
    [
      "unverified email",
      "email_verified:false OR NOT _exists_:email_verified",
      or(term("email_verified", word("false")), not(exists("email_verified"))),
    ],
    ["metadata value", 'user_metadata.full_name:"John Smith"', term("user_metadata.full_name", phrase("John Smith"))],
    ["by connection", 'identities.connection:"google-oauth2"', term("identities.connection", phrase("google-oauth2"))],
    [
      "never logged in",
      "(NOT _exists_:logins_count OR logins_count:0)",
      or(not(exists("logins_count")), term("logins_count", word("0"))),
    ],
    ["email domain", 'email.domain:"exampleco.com"', term("email.domain", phrase("exampleco.com"))],
    ["nested metadata number", "user_metadata.display.fontSize:13", term("user_metadata.display.fontSize", word("13"))],
  ])("%s: %s", (_intent, q, expected) => {
    expect(shape(parseQuery(q))).toEqual(expected);
  });
});

describe("parseQuery: other examples from §4 and §9.3", () => {
  it.each([
    ["jane", term(null, word("jane"))],
    ['"green apple"', term(null, phrase("green apple"))],
    ["user_id:auth0*", term("user_id", wildcard(literal("auth0"), any))],
    ["user_id:auth0|12345", term("user_id", word("auth0|12345"))],
    ["name:j*", term("name", wildcard(literal("j"), any))],
    ["name:*usa", term("name", wildcard(any, literal("usa")))],
    ["name:John\\ Doe", term("name", word("John Doe"))],
    ['app_metadata.subscription.plan:"gold"', term("app_metadata.subscription.plan", phrase("gold"))],
    ['user_metadata.addresses.city:"Paris"', term("user_metadata.addresses.city", phrase("Paris"))],
    ["_exists_:user_metadata.display.preferredLanguage", exists("user_metadata.display.preferredLanguage")],
    [
      "NOT _exists_:logins_count OR logins_count:0",
      or(not(exists("logins_count")), term("logins_count", word("0"))),
    ],
    ["logins_count:[100 TO *]", range("logins_count", ["100", true], [null, true])],
    ["logins_count:{100 TO 200}", range("logins_count", ["100", false], ["200", false])],
    ["logins_count:[100 TO 200}", range("logins_count", ["100", true], ["200", false])],
    ["last_login:[* TO 2017-12-31]", range("last_login", [null, true], ["2017-12-31", true])],
    ["last_login:{2017-11 TO 2017-12]", range("last_login", ["2017-11", false], ["2017-12", true])],
    ["updated_at:[2018-01-15 TO *]", range("updated_at", ["2018-01-15", true], [null, true])],
    ["x:[* TO 10}", range("x", [null, true], ["10", false])],
    ["updated_at:>=2018-01-15", range("updated_at", ["2018-01-15", true], [null, true])],
    [
      "date:[2024-01-01T00:00:00.000Z TO 2024-01-31T23:59:59Z]",
      range("date", ["2024-01-01T00:00:00.000Z", true], ["2024-01-31T23:59:59Z", true]),
    ],
    ['type:"s" AND client_name:"My App"', and(term("type", phrase("s")), term("client_name", phrase("My App")))],
    ["ip:10.0.0.1", term("ip", word("10.0.0.1"))],
  ])("%s", (q, expected) => {
    expect(shape(parseQuery(q))).toEqual(expected);
  });
});

describe("parseQuery: terms, phrases and wildcards", () => {
  it.each([
    ["bare word", "jane", term(null, word("jane"))],
    ["bare phrase", '"jane smith"', term(null, phrase("jane smith"))],
    ["bare wildcard", "jan*", term(null, wildcard(literal("jan"), any))],
    ["field word", "name:jane", term("name", word("jane"))],
    ["characters that are not reserved", "email:a+b-c&d|e>f<g=h@x.io", term("email", word("a+b-c&d|e>f<g=h@x.io"))],
    ["dashes inside a word", "identities.connection:google-oauth2", term("identities.connection", word("google-oauth2"))],
    ["doubled && inside a word is text", "a&&b", term(null, word("a&&b"))],
    ["a single & is a word", "&", term(null, word("&"))],
    ["lower-case operators are words", "and", term(null, word("and"))],
    ["TO outside a range is a word", "TO", term(null, word("TO"))],
    // Regression: the keyword lookup used a plain object, so Object.prototype's names read as junk tokens.
    ["Object.prototype names are words", "constructor toString", or(term(null, word("constructor")), term(null, word("toString")))],
    ["Object.prototype names as fields and values", "__proto__:hasOwnProperty", term("__proto__", word("hasOwnProperty"))],
    ["unicode", "name:Zoë", term("name", word("Zoë"))],
    ["empty phrase", 'name:""', term("name", phrase(""))],
    ["phrase escapes", String.raw`"say \"hi\" \\ bye"`, term(null, phrase(String.raw`say "hi" \ bye`))],
    ["backslash escapes any character in a phrase", String.raw`"a\b"`, term(null, phrase("ab"))],
    ["wildcards are literal inside quotes", 'name:"jo*n?"', term("name", phrase("jo*n?"))],
    ["reserved characters are literal inside quotes", '"a:b (c) [d] ~ ^ / !"', term(null, phrase("a:b (c) [d] ~ ^ / !"))],
    ["suffix wildcard", "name:john*", term("name", wildcard(literal("john"), any))],
    ["infix wildcard", "name:ja*th", term("name", wildcard(literal("ja"), any, literal("th")))],
    ["contains", "name:*john*", term("name", wildcard(any, literal("john"), any))],
    ["leading wildcard with 3 characters", "name:*usa", term("name", wildcard(any, literal("usa")))],
    ["several wildcards", "a*b*c", term(null, wildcard(literal("a"), any, literal("b"), any, literal("c")))],
    ["runs of * collapse", "name:jo**n***", term("name", wildcard(literal("jo"), any, literal("n"), any))],
    ["escaped * is a literal star", String.raw`name:a\*b`, term("name", word("a*b"))],
    ["escaped * next to a wildcard", String.raw`name:a\**`, term("name", wildcard(literal("a*"), any))],
    ["escaped leading * is not a wildcard", String.raw`name:\*ab`, term("name", word("*ab"))],
    ["escaped * counts as a literal after a leading wildcard", String.raw`name:*\*ab`, term("name", wildcard(any, literal("*ab")))],
    ["leading wildcard counts code points", "name:*日本語", term("name", wildcard(any, literal("日本語")))],
    ["escaped emoji", String.raw`name:\😀x`, term("name", word("😀x"))],
  ])("%s: %s", (_name, q, expected) => {
    expect(shape(parseQuery(q))).toEqual(expected);
  });
});

describe("parseQuery: backslash escapes outside quotes (§4.7)", () => {
  const reserved = ["+", "-", "&", "|", "!", "(", ")", "{", "}", "[", "]", "^", '"', "~", "*", "?", ":", "\\", "/", " "];
  it.each(reserved)("escaped %j is a literal character", (char) => {
    expect(shape(parseQuery(`name:a\\${char}b`))).toEqual(term("name", word(`a${char}b`)));
    expect(shape(parseQuery(`\\${char}b`))).toEqual(term(null, word(`${char}b`)));
  });

  it.each([
    [String.raw`\&&`, "&&"],
    [String.raw`\|\|`, "||"],
    [String.raw`\AND`, "AND"],
    [String.raw`\NOT`, "NOT"],
    [String.raw`\-a`, "-a"],
    [String.raw`\+a`, "+a"],
    [String.raw`\>5`, ">5"],
    [String.raw`a\tb`, "atb"],
  ])("%s is the word %j", (q, text) => {
    expect(shape(parseQuery(q))).toEqual(term(null, word(text)));
  });

  it("escapes reach field names", () => {
    expect(shape(parseQuery(String.raw`user_metadata.my\ key:x`))).toEqual(term("user_metadata.my key", word("x")));
    expect(shape(parseQuery(String.raw`a\:b:c`))).toEqual(term("a:b", word("c")));
  });

  it("escapes the value's operators after a field", () => {
    expect(shape(parseQuery(String.raw`name:\AND`))).toEqual(term("name", word("AND")));
    expect(shape(parseQuery('name:"AND"'))).toEqual(term("name", phrase("AND")));
  });
});

describe("parseQuery: fields", () => {
  it.each([
    ["name:jane", "name"],
    ["user_metadata.display.fontSize:13", "user_metadata.display.fontSize"],
    ["identities.connection:x", "identities.connection"],
    ["email.domain:x", "email.domain"],
    ["_id:x", "_id"],
    ["raw:x", "raw"],
    ["app_metadata.raw_value:x", "app_metadata.raw_value"],
    [String.raw`user_metadata.\raw:x`, "user_metadata.raw"],
  ])("%s has field %s", (q, field) => {
    expect(parseQuery(q)).toMatchObject({ kind: "term", field });
  });

  it("a sign right after the colon belongs to the value (offset:-5)", () => {
    expect(shape(parseQuery("offset:-5"))).toEqual(term("offset", word("-5")));
    expect(shape(parseQuery("offset:+5"))).toEqual(term("offset", word("+5")));
    expect(shape(parseQuery("x: -5"))).toEqual(term("x", word("-5")));
  });
});

describe("parseQuery: operators and precedence (NOT > AND > OR, §4.3)", () => {
  it.each([
    ["a AND b", "a AND b"],
    ["a OR b", "a OR b"],
    ["NOT a", "NOT a"],
    ["a && b", "a AND b"],
    ["a || b", "a OR b"],
    ["!a", "NOT a"],
    ["a&&b", "a&&b"],
    ["a AND b AND c", "a AND b AND c"],
    ["a OR b OR c", "a OR b OR c"],
    ["a OR b AND c", "a OR (b AND c)"],
    ["a AND b OR c", "(a AND b) OR c"],
    ["a AND b OR c AND d", "(a AND b) OR (c AND d)"],
    ["NOT a AND b", "NOT a AND b"],
    ["NOT a OR b", "NOT a OR b"],
    ["a OR NOT b", "a OR NOT b"],
    ["NOT (a AND b)", "NOT (a AND b)"],
    ["NOT NOT a", "NOT NOT a"],
    ["!!a", "NOT NOT a"],
    ["(a OR b) AND c", "(a OR b) AND c"],
    ["a AND (b OR c) AND d", "a AND (b OR c) AND d"],
    ["(a AND b) AND (c AND d)", "a AND b AND c AND d"],
    ["(a OR b) OR (c OR d)", "a OR b OR c OR d"],
    ["((a))", "a"],
    ["((a OR b))", "a OR b"],
    ["a && b || !c", "(a AND b) OR NOT c"],
    ["a AND NOT b OR c", "(a AND NOT b) OR c"],
    ["x:1 AND (y:2 OR NOT _exists_:z)", "x:1 AND (y:2 OR NOT _exists_:z)"],
  ])("%s -> %s", (q, expected) => {
    expect(canonical(q)).toBe(expected);
  });
});

describe("parseQuery: juxtaposition is Lucene's default OR (§4.3), +/-/NOT are Lucene modifiers there", () => {
  it.each([
    ["a b", "a OR b"],
    ["a b c", "a OR b OR c"],
    ["name:jane smith", "name:jane OR smith"],
    ["a b AND c", "a OR (b AND c)"],
    ["a AND b c", "(a AND b) OR c"],
    ["a OR b c", "a OR b OR c"],
    ["(a)(b)", "a OR b"],
    ["a and b", "a OR and OR b"],
    // prohibited: -x, NOT x, !x
    ["-a", "NOT a"],
    ["a -b", "a AND NOT b"],
    ["-a b", "NOT a AND b"],
    ["a b -c", "(a OR b) AND NOT c"],
    ["a -c b", "(a OR b) AND NOT c"],
    ["-a -b", "NOT a AND NOT b"],
    ["jane NOT smith", "jane AND NOT smith"],
    ["NOT a b", "NOT a AND b"],
    ["a !b", "a AND NOT b"],
    ["name:(jane NOT smith)", "name:jane AND NOT name:smith"],
    // required: +x
    ["+a", "a"],
    ["+a +b", "a AND b"],
    ["+a -b", "a AND NOT b"],
    ["+a +b -c", "a AND b AND NOT c"],
    ['-name:"x" +email:y', 'NOT name:"x" AND email:y'],
    ["+(a OR b) -(c d)", "(a OR b) AND NOT (c OR d)"],
    ["-_exists_:email", "NOT _exists_:email"],
    ['-"a b"', 'NOT "a b"'],
    // explicit operators and parentheses stay boolean
    ["a OR -b", "a OR NOT b"],
    ["-a OR b", "NOT a OR b"],
    ["a AND -b", "a AND NOT b"],
    ["+a AND b", "a AND b"],
    ["(NOT a) b", "NOT a OR b"],
    ["(-a) b", "NOT a OR b"],
    ["a -b OR c", "(a AND NOT b) OR c"],
    ["NOT a AND b c", "(NOT a AND b) OR c"],
    ["NOT -a", "NOT NOT a"],
  ])("%s -> %s", (q, expected) => {
    expect(canonical(q)).toBe(expected);
  });
});

describe("parseQuery: field groups (§4.2)", () => {
  it.each([
    ['email:("a@x.com" OR "b@x.com")', 'email:"a@x.com" OR email:"b@x.com"'],
    ["name:(jane smith)", "name:jane OR name:smith"],
    ["name:(jane AND NOT smith)", "name:jane AND NOT name:smith"],
    ["name:(a OR (b AND c*))", "name:a OR (name:b AND name:c*)"],
    ["name:(*john*)", "name:*john*"],
    ["name:(-a +b)", "NOT name:a AND name:b"],
    ["logins_count:([1 TO 5] OR [10 TO *])", "logins_count:[1 TO 5] OR logins_count:[10 TO *]"],
    ["logins_count:(>=10 AND <20)", "logins_count:[10 TO *] AND logins_count:[* TO 20}"],
    ["name:(jane) AND email:x", "name:jane AND email:x"],
    ["NOT name:(a b)", "NOT (name:a OR name:b)"],
  ])("%s -> %s", (q, expected) => {
    expect(canonical(q)).toBe(expected);
  });

  it("every term of the group records where the group's field is", () => {
    expect(parseQuery("x AND name:(a OR b)")).toEqual({
      kind: "and",
      position: 0,
      children: [
        { kind: "term", field: null, value: word("x"), position: 0, fieldPosition: null },
        {
          kind: "or",
          position: 12,
          children: [
            { kind: "term", field: "name", value: word("a"), position: 12, fieldPosition: 6 },
            { kind: "term", field: "name", value: word("b"), position: 17, fieldPosition: 6 },
          ],
        },
      ],
    });
  });
});

describe("parseQuery: ranges and comparisons (§4.5)", () => {
  it.each([
    ["x:[1 TO 5]", range("x", ["1", true], ["5", true])],
    ["x:{1 TO 5}", range("x", ["1", false], ["5", false])],
    ["x:[1 TO 5}", range("x", ["1", true], ["5", false])],
    ["x:{1 TO 5]", range("x", ["1", false], ["5", true])],
    ["x:[* TO *]", range("x", [null, true], [null, true])],
    ["x:{* TO 5]", range("x", [null, false], ["5", true])],
    ["x:[  1   TO\t5  ]", range("x", ["1", true], ["5", true])],
    ['x:["a b" TO "c\\"d"]', range("x", ["a b", true], ['c"d', true])],
    ['x:["*" TO "TO"]', range("x", ["*", true], ["TO", true])],
    [String.raw`x:[a\ b TO c\]d]`, range("x", ["a b", true], ["c]d", true])],
    ["x:[a:b TO (c)]", range("x", ["a:b", true], ["(c)", true])],
    ["x:[-5 TO +5]", range("x", ["-5", true], ["+5", true])],
    ["x:>=5", range("x", ["5", true], [null, true])],
    ["x:>5", range("x", ["5", false], [null, true])],
    ["x:<=5", range("x", [null, true], ["5", true])],
    ["x:<5", range("x", [null, true], ["5", false])],
    ["x:>-5", range("x", ["-5", false], [null, true])],
    [String.raw`last_login:>=2017-12-31T10\:00\:00Z`, range("last_login", ["2017-12-31T10:00:00Z", true], [null, true])],
    ['last_login:<"2017-12-31T10:00:00Z"', range("last_login", [null, true], ["2017-12-31T10:00:00Z", false])],
    [String.raw`x:>=a\*`, range("x", ["a*", true], [null, true])],
  ])("%s", (q, expected) => {
    expect(shape(parseQuery(q))).toEqual(expected);
  });

  it("combines with other clauses", () => {
    expect(canonical("logins_count:[1 TO 5] AND NOT blocked:true")).toBe("logins_count:[1 TO 5] AND NOT blocked:true");
    expect(canonical("a:[1 TO 2] b:{3 TO 4}")).toBe("a:[1 TO 2] OR b:{3 TO 4}");
  });
});

describe("parseQuery: whitespace tolerance", () => {
  it.each([
    ["  name:jane  ", "name:jane"],
    ["\tname:jane\n", "name:jane"],
    ["a\r\nAND\u3000b", "a AND b"],
    ["( a OR b )", "a OR b"],
    ["name: jane", "name:jane"],
    ["name :jane", "name:jane"],
    ['name:  "jane"', 'name:"jane"'],
    ["name:( a  b )", "name:a OR name:b"],
    ["a    b", "a OR b"],
    ["(a)AND(b)", "a AND b"],
  ])("%j -> %s", (q, expected) => {
    expect(canonical(q)).toBe(expected);
  });
});

describe("parseQuery: positions", () => {
  it("records where each node starts", () => {
    expect(parseQuery('name:"x" OR NOT _exists_:email')).toEqual({
      kind: "or",
      position: 5,
      children: [
        { kind: "term", field: "name", value: phrase("x"), position: 5, fieldPosition: 0 },
        {
          kind: "not",
          position: 12,
          child: { kind: "exists", field: "email", position: 16, fieldPosition: 25 },
        },
      ],
    });
  });

  it("records ranges, comparisons and modifiers", () => {
    expect(parseQuery("-a x:[1 TO 2] y:>3")).toEqual({
      kind: "and",
      position: 0,
      children: [
        { kind: "not", position: 0, child: { kind: "term", field: null, value: word("a"), position: 1, fieldPosition: null } },
        {
          kind: "or",
          position: 5,
          children: [
            {
              kind: "range",
              field: "x",
              lower: { value: "1", inclusive: true },
              upper: { value: "2", inclusive: true },
              position: 5,
              fieldPosition: 3,
            },
            {
              kind: "range",
              field: "y",
              lower: { value: "3", inclusive: false },
              upper: { value: null, inclusive: true },
              position: 16,
              fieldPosition: 14,
            },
          ],
        },
      ],
    });
  });

  it("keeps offsets in UTF-16 code units, like JavaScript string indexes", () => {
    const q = "name:😀 AND x:1";
    const node = parseQuery(q);
    expect(node.kind === "and" && node.children[1]).toMatchObject({ field: "x", fieldPosition: q.indexOf("x:") });
  });
});

describe("parseQuery: rejected input", () => {
  it.each([
    // structure
    ["a)", 1, "Unexpected ')' at position 1"],
    ["name:jane AND (a OR b))", 22, "Unexpected ')' at position 22"],
    ["(a", 0, "The '(' at position 0 is never closed"],
    ["((a)", 0, "The '(' at position 0 is never closed"],
    ["()", 1, "Unexpected ')' at position 1; '(' must be followed by a clause"],
    ["a AND", 5, "Unexpected end of query at position 5; 'AND' must be followed by a clause"],
    ["a OR", 4, "Unexpected end of query at position 4; 'OR' must be followed by a clause"],
    ["a ||", 4, "Unexpected end of query at position 4; '||' must be followed by a clause"],
    ["NOT", 3, "Unexpected end of query at position 3; 'NOT' must be followed by a clause"],
    ["(a OR)", 5, "Unexpected ')' at position 5; 'OR' must be followed by a clause"],
    ["AND a", 0, "Unexpected 'AND' at position 0; quote it to search for the word"],
    ["a AND OR b", 6, "Unexpected 'OR' at position 6; 'AND' must be followed by a clause; quote it to search for the word"],
    ["a AND AND", 6, "Unexpected 'AND' at position 6"],
    ["name:", 5, "Unexpected end of query at position 5; 'name:' needs a value"],
    ["name:)", 5, "Unexpected ')' at position 5; 'name:' needs a value"],
    ["name:AND", 5, "Unexpected 'AND' at position 5; 'name:' needs a value; quote it to search for the word"],
    ["name:()", 6, "Unexpected ')' at position 6; '(' must be followed by a clause"],
    ["name:(a", 5, "The '(' at position 5 is never closed"],
    ["a:b:c", 3, "Unexpected ':' at position 3; escape it as '\\:' or quote the value"],
    [":a", 0, "Unexpected ':' at position 0"],
    ["email:john@x.com:80", 16, "Unexpected ':' at position 16"],
    ['"a":b', 3, "Unexpected ':' at position 3"],
    ["a]", 1, "Unexpected ']' at position 1; escape it as '\\]'"],
    ["}", 0, "Unexpected '}' at position 0"],
    ['ab"cd"', 2, `Unexpected '"' at position 2; escape it as '\\"'`],
    ["a!b", 1, "Unexpected '!' at position 1"],
    ["a[1 TO 2]", 1, "Unexpected '[' at position 1"],
    // modifiers
    ["a - b", 2, "'-' at position 2 must be directly followed by a term, phrase, field or group; escape it as '\\-'"],
    ["a +", 2, "'+' at position 2 must be directly followed by a term"],
    ["--a", 0, "'-' at position 0 must be directly followed by a term, phrase, field or group"],
    ["-NOT a", 0, "'-' at position 0 must be directly followed"],
    ["+!a", 0, "'+' at position 0 must be directly followed"],
    ["-)", 0, "'-' at position 0 must be directly followed"],
    [
      "+a b",
      3,
      "The clause at position 3 would be ignored because the clause at position 0 is required with '+'; join them with AND or OR",
    ],
    ["a +b", 0, "The clause at position 0 would be ignored because the clause at position 2 is required"],
    ["+a -b (c OR d)", 6, "The clause at position 6 would be ignored"],
    // phrases and escapes
    ['"unterminated', 0, "Unterminated phrase starting at position 0"],
    ['name:"jane', 5, "Unterminated phrase starting at position 5"],
    ['"a\\"', 0, "Unterminated phrase starting at position 0"],
    ['"a\\', 0, "Unterminated phrase starting at position 0"],
    ["a\\", 1, "The '\\' at position 1 ends the query; it must escape a character"],
    // unsupported Lucene features (§4.4, §4.7)
    ["name:j?ne", 6, "Wildcard '?' is not supported (position 6); use '*'"],
    ["?", 0, "Wildcard '?' is not supported (position 0); use '*'"],
    ["name:jane~", 9, "Fuzzy and proximity search ('~') is not supported (position 9)"],
    ["name:jane~2", 9, "Fuzzy and proximity search ('~') is not supported (position 9)"],
    ['"a b"~2', 5, "Fuzzy and proximity search ('~') is not supported (position 5)"],
    ["name:jane^2", 9, "Boosting ('^') is not supported (position 9)"],
    ['"a"^2', 3, "Boosting ('^') is not supported (position 3)"],
    ["(a OR b)^2", 8, "Boosting ('^') is not supported (position 8)"],
    ["x:[1 TO 2]^2", 10, "Boosting ('^') is not supported (position 10)"],
    ["name:/jo.n/", 5, "Regular expressions ('/') are not supported (position 5)"],
    ["/jo.n/", 0, "Regular expressions ('/') are not supported (position 0)"],
    ["a/b", 1, "Regular expressions ('/') are not supported (position 1); escape it as '\\/'"],
    ["name.raw:jane", 4, "The '.raw' sub-field is not supported (position 4); values are not tokenized, so search 'name' itself"],
    ["user_metadata.name.raw:x", 18, "The '.raw' sub-field is not supported (position 18)"],
    ["_exists_:name.raw", 13, "The '.raw' sub-field is not supported (position 13)"],
    // wildcards (§4.4)
    ["name:*sa", 5, "A leading wildcard needs at least 3 literal characters (position 5)"],
    ["name:*s", 5, "A leading wildcard needs at least 3 literal characters (position 5)"],
    ["*ab*", 0, "A leading wildcard needs at least 3 literal characters (position 0)"],
    ["name:*jo*hn", 5, "A leading wildcard needs at least 3 literal characters (position 5)"],
    ["name:**ab", 5, "A leading wildcard needs at least 3 literal characters (position 5)"],
    ["name:*😀😀", 5, "A leading wildcard needs at least 3 literal characters (position 5)"],
    ["name:(jane OR *sa)", 14, "A leading wildcard needs at least 3 literal characters (position 14)"],
    ["*", 0, "A lone '*' is not supported (position 0); use _exists_:field to find any value"],
    ["name:*", 5, "A lone '*' is not supported (position 5)"],
    ["name:***", 5, "A lone '*' is not supported (position 5)"],
    ["*:*", 0, "Wildcards are not allowed in field names (position 0)"],
    ["user_*:x", 0, "Wildcards are not allowed in field names (position 0)"],
    // fields
    ["a..b:c", 0, "Invalid field name 'a..b' at position 0"],
    [".a:c", 0, "Invalid field name '.a' at position 0"],
    ["a.:c", 0, "Invalid field name 'a.' at position 0"],
    ["name:(email:x)", 6, "A field cannot be used inside the group of field 'name' (position 6)"],
    ["name:(a OR (b email:c))", 14, "A field cannot be used inside the group of field 'name' (position 14)"],
    ["name:(_exists_:x)", 6, "A field cannot be used inside the group of field 'name' (position 6)"],
    // _exists_
    ["_exists_:", 9, "Unexpected end of query at position 9; '_exists_:' needs a field name"],
    ['_exists_:"email"', 9, "'_exists_:' needs a field name (position 9), as in _exists_:email"],
    ["_exists_:(a OR b)", 9, "'_exists_:' needs a field name (position 9)"],
    ["_exists_:[1 TO 2]", 9, "'_exists_:' needs a field name (position 9)"],
    ["_exists_:email*", 9, "Wildcards are not allowed in field names (position 9)"],
    // ranges (§4.5)
    ["[1 TO 2]", 0, "A range needs a field, as in logins_count:[1 TO 5] (position 0)"],
    ["a OR (b [1 TO 2])", 8, "A range needs a field, as in logins_count:[1 TO 5] (position 8)"],
    ["x:[1 TO 2", 2, "Unterminated range starting at position 2"],
    ["x:[1 TO", 2, "Unterminated range starting at position 2"],
    ["x:[1", 2, "Unterminated range starting at position 2"],
    ["x:[", 2, "Unterminated range starting at position 2"],
    ["x:[1 TO 2)", 2, "Unterminated range starting at position 2"],
    ['x:["a TO b]', 3, "Unterminated phrase starting at position 3"],
    ["x:[1 2]", 5, "Expected 'TO' at position 5 (a range is written [low TO high])"],
    ["x:[1 to 2]", 5, "Expected 'TO' at position 5"],
    ["x:[1 TOO 2]", 5, "Expected 'TO' at position 5"],
    ["x:[1 TO 2 3]", 10, "Expected ']' or '}' to end the range at position 10"],
    ["x:[1 TO]", 7, "Missing upper bound at position 7; use '*' for an open end"],
    ["x:[1 TO ]", 8, "Missing upper bound at position 8; use '*' for an open end"],
    ["x:[ TO 2]", 4, "Missing lower bound at position 4; use '*' for an open end"],
    ["x:[]", 3, "Missing lower bound at position 3"],
    ['x:["a"b TO c]', 6, "Expected ' TO ' after the lower bound at position 6"],
    ["x:[1* TO 2]", 3, "A range bound cannot contain a wildcard (position 3); use '*' alone for an open end"],
    ["x:[1 TO **]", 8, "A range bound cannot contain a wildcard (position 8)"],
    ["x:[1 TO 2\\", 2, "Unterminated range starting at position 2"],
    // comparisons
    [">=5", 0, "A comparison needs a field, as in logins_count:>=5 (position 0)"],
    ["<script>", 0, "A comparison needs a field"],
    ["x:>=", 4, "Expected a value right after '>=' at position 4"],
    ["x:> 5", 3, "Expected a value right after '>' at position 3"],
    ["x:<=(5)", 4, "Expected a value right after '<=' at position 4"],
    ["x:>5*", 3, "A comparison value cannot contain a wildcard (position 3)"],
    ["x:<*", 3, "A comparison value cannot contain a wildcard (position 3)"],
    // empty
    ["", 0, "The query is empty"],
    [" \t\n ", 0, "The query is empty"],
  ])("%j is rejected at position %i", (q, position, message) => {
    const error = syntaxError(q);
    expect(error.position).toBe(position);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it("is a QuerySyntaxError with a readable message and no internals", () => {
    const error = syntaxError("name:(a OR b");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("QuerySyntaxError");
    expect(error.message).toBe("The '(' at position 5 is never closed");
    expect(error.message).not.toMatch(/lparen|rparen|undefined|null|\[object|token/i);
  });

  it("reports the first mistake in reading order", () => {
    expect(syntaxError('a) "unterminated').position).toBe(1);
    expect(syntaxError("name:j?ne AND x:[1 TO").position).toBe(6);
  });

  it("shortens long input it quotes back", () => {
    const error = syntaxError(`a:b:${"x".repeat(200)}`);
    expect(error.message).toBe("Unexpected ':' at position 3; escape it as '\\:' or quote the value");
    const long = syntaxError(`a AND ${"y".repeat(100)}:z:w`);
    expect(long.message.length).toBeLessThan(120);
  });
});

describe("parseQuery: limits", () => {
  it("has documented defaults", () => {
    expect(DEFAULT_QUERY_LIMITS).toEqual({ maxLength: 4096, maxDepth: 32, maxClauses: 256 });
  });

  it("rejects a query longer than maxLength", () => {
    expect(() => parseQuery(`name:${"a".repeat(4091)}`)).not.toThrow();
    const error = syntaxError(`name:${"a".repeat(4092)}`);
    expect(error.message).toBe("The query is too long (4097 characters; the maximum is 4096)");
    expect(error.position).toBe(4096);
    expect(syntaxError("name:jane", { maxLength: 8 }).message).toBe("The query is too long (9 characters; the maximum is 8)");
  });

  it("rejects nesting deeper than maxDepth", () => {
    const nested = (depth: number) => `${"(".repeat(depth)}a${")".repeat(depth)}`;
    expect(shape(parseQuery(nested(32)))).toEqual(term(null, word("a")));
    const error = syntaxError(nested(33));
    expect(error.position).toBe(32);
    expect(error.message).toBe("The query is nested too deeply at position 32 (the maximum is 32 levels)");
    expect(syntaxError(nested(3), { maxDepth: 2 }).position).toBe(2);
  });

  it("counts NOT operators and field groups as nesting", () => {
    expect(() => parseQuery(`${"NOT ".repeat(32)}a`)).not.toThrow();
    expect(syntaxError(`${"NOT ".repeat(33)}a`).position).toBe(128);
    expect(syntaxError(`${"!".repeat(33)}a`).position).toBe(32);
    expect(() => parseQuery("a:(b)", { maxDepth: 1 })).not.toThrow();
    expect(syntaxError("a:((b))", { maxDepth: 1 }).position).toBe(3);
    expect(syntaxError("NOT a:(b)", { maxDepth: 1 }).position).toBe(6);
  });

  it("rejects more than maxClauses leaf clauses", () => {
    const terms = (count: number) => Array.from({ length: count }, (_, index) => `t${index}`).join(" ");
    expect(() => parseQuery(terms(256))).not.toThrow();
    const q = terms(257);
    const error = syntaxError(q);
    expect(error.position).toBe(q.lastIndexOf("t256"));
    expect(error.message).toBe(`The query has too many clauses at position ${q.lastIndexOf("t256")} (the maximum is 256)`);
  });

  it("counts every term of a field group, every range and every _exists_", () => {
    expect(syntaxError("name:(a b c)", { maxClauses: 2 }).position).toBe(10);
    expect(syntaxError("x:[1 TO 2] AND _exists_:y", { maxClauses: 1 }).position).toBe(15);
    expect(syntaxError("x:>1 y:<2", { maxClauses: 1 }).position).toBe(7);
    expect(() => parseQuery("name:(a b c)", { maxClauses: 3 })).not.toThrow();
  });

  it("handles pathological input quickly", () => {
    const started = performance.now();
    for (const q of [
      "(".repeat(4096),
      "!".repeat(4095) + "a",
      "a ".repeat(2048),
      '"'.repeat(4096),
      "\\".repeat(4095),
      "*".repeat(4096),
      "x:[" + " ".repeat(4093),
      "a AND ".repeat(682),
    ]) {
      expect(() => parseQuery(q)).toThrow(QuerySyntaxError);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rejects invalid limits as a programming error", () => {
    expect(() => parseQuery("a", { maxDepth: 0 })).toThrow(RangeError);
    expect(() => parseQuery("a", { maxLength: 1.5 })).toThrow(RangeError);
    expect(() => parseQuery("a", { maxClauses: Number.NaN })).toThrow(RangeError);
  });
});

describe("formatQuery round trip", () => {
  const queries = [
    "name:*john*",
    'email:("john@exampleco.com" OR "jane@exampleco.com")',
    "email_verified:false OR NOT _exists_:email_verified",
    "(NOT _exists_:logins_count OR logins_count:0)",
    "a b -c",
    "+a +b -c",
    "name:(jane NOT smith) OR x:[1 TO 5}",
    "x:{* TO 2017-12-31T00:00:00Z]",
    'x:[" a ]}" TO "TO"]',
    "x:>=5 y:<\"a b\"",
    String.raw`name:John\ Doe`,
    String.raw`name:a\*b*`,
    String.raw`\AND \-a \+b \>c \<d \&&e \|\|f \!g`,
    String.raw`name:\(x\)\:\[y\]\{z\}\^\"\~\?\/\\`,
    String.raw`user_metadata.\raw:x`,
    String.raw`user_metadata.my\ key.a\:b:x`,
    String.raw`\AND:x \-f:y`,
    String.raw`"say \"hi\" \\ bye"`,
    'name:""',
    "name:*日本語 AND x:😀",
    "NOT NOT (a AND b) OR NOT (c OR d)",
    "offset:-5 offset:+5",
  ];

  it.each(queries)("%s", (q) => {
    const parsed = parseQuery(q);
    const text = formatQuery(parsed);
    expect(shape(parseQuery(text))).toEqual(shape(parsed));
    expect(formatQuery(parseQuery(text))).toBe(text);
  });
});

describe("parseQuery: robustness", () => {
  it("either parses or throws QuerySyntaxError for any input, and parsed trees round-trip", () => {
    const pieces = [..."ab*?:()[]{}\"\\/!+-^~<>=&| .", " AND ", " OR ", " NOT ", " TO ", "&&", "||", "_exists_:", "x:", "😀"];
    let seed = 7;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    let parsed = 0;
    for (let index = 0; index < 20000; index++) {
      const q = Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join("");
      let node: QueryNode;
      try {
        node = parseQuery(q);
      } catch (error) {
        expect(error, q).toBeInstanceOf(QuerySyntaxError);
        const { position } = error as QuerySyntaxError;
        expect(position >= 0 && position <= q.length, q).toBe(true);
        continue;
      }
      parsed++;
      expect(shape(parseQuery(formatQuery(node))), q).toEqual(shape(node));
    }
    expect(parsed).toBeGreaterThan(1000);
  });
});
