// A user's picture: their own URL (or Gatehouse's initials avatar). No referrer goes with the request.
import { classNames } from "@/components/ui/class-names.ts";

export function UserAvatar({ picture, size = 32, className }: { picture?: string; size?: number; className?: string }) {
  if (!picture) return <span aria-hidden="true" className={classNames("inline-block shrink-0 rounded-full bg-slate-200 dark:bg-slate-700", className)} style={{ width: size, height: size }} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- pictures are arbitrary URLs; next/image would proxy them
    <img src={picture} alt="" width={size} height={size} referrerPolicy="no-referrer" loading="lazy" className={classNames("shrink-0 rounded-full bg-slate-200 object-cover dark:bg-slate-700", className)} />
  );
}
