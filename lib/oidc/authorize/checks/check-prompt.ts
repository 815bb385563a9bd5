// check-prompt: `none`, `login`, `consent` (OpenID Connect Core §3.1.2.1); `none` cannot be
// combined with another value. Also `max_age` (a non-negative integer), `screen_hint`,
// `login_hint`, `nonce`, `ui_locales` (bounded lengths).
import { AuthorizeError } from "../authorize-error.ts";
import type { Prompt } from "../authorize-request.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

const PROMPTS = new Set<Prompt>(["none", "login", "consent"]);

export const checkPrompt: AuthorizeCheck = {
  name: "check-prompt",
  run(context) {
    const { params } = context;
    const prompts = [...new Set((params.prompt ?? "").split(" ").filter(Boolean))];
    const unknown = prompts.find((p) => !PROMPTS.has(p as Prompt));
    if (unknown) throw new AuthorizeError("invalid_request", `Unsupported prompt value: ${unknown}`, redirectTarget(context));
    if (prompts.includes("none") && prompts.length > 1)
      throw new AuthorizeError("invalid_request", "prompt=none cannot be combined with other values.", redirectTarget(context));
    context.request.prompt = prompts as Prompt[];

    if (params.max_age !== undefined) {
      if (!/^\d{1,10}$/.test(params.max_age)) throw new AuthorizeError("invalid_request", "max_age must be a non-negative integer.", redirectTarget(context));
      context.request.max_age = Number(params.max_age);
    }
    if (params.screen_hint !== undefined) {
      if (params.screen_hint !== "signup" && params.screen_hint !== "login")
        throw new AuthorizeError("invalid_request", "screen_hint must be signup or login.", redirectTarget(context));
      context.request.screen_hint = params.screen_hint;
    }
    for (const [name, max] of [["nonce", 512], ["state", 2048], ["login_hint", 320], ["ui_locales", 128]] as const) {
      if ((params[name]?.length ?? 0) > max) throw new AuthorizeError("invalid_request", `${name} is too long (at most ${max} characters).`, redirectTarget(context));
    }
    if (params.nonce !== undefined) context.request.nonce = params.nonce;
    if (params.login_hint !== undefined) context.request.login_hint = params.login_hint;
    if (params.ui_locales !== undefined) context.request.ui_locales = params.ui_locales;
  },
};
