// A query the parser (or a search compiler) cannot accept. The Management API answers it with
// 400 `invalid_query_string` and the message as is (auth0-management-api.md §12 "Search"), so the
// message must say what is wrong and where in words a person understands, and must never carry
// internals (no stack, no token type names, no SQL).
export class QuerySyntaxError extends Error {
  override name = "QuerySyntaxError";

  /**
   * @param message complete, human-readable sentence that already names the position.
   * @param position 0-based offset into the query string (a JavaScript string index).
   */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}
