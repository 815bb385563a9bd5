// The heading of a hosted page that acts for an application: its logo (only an https URL the
// operator configured; decorative, the name is in the text) and "<action>".
import type { LoginClient } from "@/lib/services/login/login-context.ts";

function isHttps(uri: string | null): uri is string {
  try {
    return uri !== null && new URL(uri).protocol === "https:";
  } catch {
    return false;
  }
}

export function ApplicationHeading({ action, client }: { action: string; client: Pick<LoginClient, "name" | "logo_uri"> }) {
  return (
    <span className="flex items-center gap-3">
      {isHttps(client.logo_uri) && (
        // eslint-disable-next-line @next/next/no-img-element -- an operator-configured external logo, not a build asset
        <img src={client.logo_uri} alt="" width={40} height={40} className="size-10 rounded-md object-contain" referrerPolicy="no-referrer" />
      )}
      <span>{action}</span>
    </span>
  );
}
