// The Gatehouse mark and name, drawn inline (no image request).
export function Wordmark() {
  return (
    <span className="inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8" fill="none">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M9 25V13l7-5 7 5v12h-4.5v-6.5h-5V25z" fill="white" />
      </svg>
      Gatehouse
    </span>
  );
}
