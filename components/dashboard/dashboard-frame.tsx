"use client";
// Chooses the frame of a dashboard page: the signed-in shell (header, navigation, toasts) or the
// plain centred column of the pages for people who are not (or no longer) signed in.
//
// Why on the client, by URL segment: a client-side navigation does not render the layout again
// (the App Router keeps a shared layout's first render), so a layout that chose the frame from the
// session alone kept the operator's header and navigation around the sign-in page after the SSO
// session ended (a link followed in the open dashboard, redirected by requireOperator). The
// segment is read on every navigation, so those pages never show the shell.
import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";

/** The pages under /dashboard that are not operator pages (app/dashboard/<segment>/page.tsx). */
const SIGNED_OUT_SEGMENTS = new Set(["sign-in", "signed-out", "not-authorized"]);

/** `shell`: the page in the signed-in shell, or null when the request had no operator; `plain`: the page in the plain column. */
export function DashboardFrame({ shell, plain }: { shell: ReactNode | null; plain: ReactNode }) {
  const segment = useSelectedLayoutSegment();
  return shell !== null && !(segment !== null && SIGNED_OUT_SEGMENTS.has(segment)) ? shell : plain;
}
