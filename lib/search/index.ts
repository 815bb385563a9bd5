// The v3 query language (auth0-management-api.md §4, §9.3): parser -> syntax tree. Compilers from
// the tree to SQL/Prisma for each domain (users, logs) build on this and live beside it.
export type {
  AndNode,
  ExistsNode,
  LeafNode,
  NotNode,
  OrNode,
  PhraseValue,
  QueryNode,
  RangeBound,
  RangeNode,
  TermNode,
  TermValue,
  WildcardPart,
  WildcardValue,
  WordValue,
} from "./ast.ts";
export { isLeafNode } from "./ast.ts";
export { formatQuery } from "./format-query.ts";
export { DEFAULT_QUERY_LIMITS, parseQuery, type ParseQueryOptions } from "./parse-query.ts";
export { QuerySyntaxError } from "./query-syntax-error.ts";
export { collectLeaves, walk, type QueryVisitor } from "./walk.ts";
