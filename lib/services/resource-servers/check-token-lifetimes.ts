// Auth0's rule: tokens issued to browser flows never outlive those from the token endpoint.
import { invalid } from "../errors.ts";

export function checkTokenLifetimes(tokenLifetime: number, tokenLifetimeForWeb: number): void {
  if (tokenLifetimeForWeb > tokenLifetime)
    throw invalid(`token_lifetime_for_web (${tokenLifetimeForWeb}) cannot be greater than token_lifetime (${tokenLifetime}).`, "invalid_body");
}
