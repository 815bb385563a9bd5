// Bottom-up fold over a query tree, for compilers: each node kind has one handler, which receives the
// already-folded results of its children. A compiler to SQL folds into fragments, a validator folds
// into void and throws QuerySyntaxError at a leaf's position, a rewriter folds into new nodes.
//
// Recursion depth is bounded by the parser's maxDepth guard, so plain recursion is safe.
import type { AndNode, ExistsNode, LeafNode, NotNode, OrNode, QueryNode, RangeNode, TermNode } from "./ast.ts";

export type QueryVisitor<R> = {
  and(node: AndNode, children: R[]): R;
  or(node: OrNode, children: R[]): R;
  not(node: NotNode, child: R): R;
  term(node: TermNode): R;
  range(node: RangeNode): R;
  exists(node: ExistsNode): R;
};

export function walk<R>(node: QueryNode, visitor: QueryVisitor<R>): R {
  switch (node.kind) {
    case "and":
      return visitor.and(node, node.children.map((child) => walk(child, visitor)));
    case "or":
      return visitor.or(node, node.children.map((child) => walk(child, visitor)));
    case "not":
      return visitor.not(node, walk(node.child, visitor));
    case "term":
      return visitor.term(node);
    case "range":
      return visitor.range(node);
    case "exists":
      return visitor.exists(node);
  }
}

/** Every leaf, depth first, e.g. to check all fields before compiling anything. */
export function collectLeaves(node: QueryNode): LeafNode[] {
  const leaves: LeafNode[] = [];
  const collect = (leaf: LeafNode) => {
    leaves.push(leaf);
  };
  walk<void>(node, { and: () => {}, or: () => {}, not: () => {}, term: collect, range: collect, exists: collect });
  return leaves;
}
