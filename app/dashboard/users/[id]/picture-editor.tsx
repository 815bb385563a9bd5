"use client";
// Change the picture: by URL, or by uploading an image (stored by Gatehouse and served from
// <issuer>pictures/<id>). The file's type and size are checked here for quick feedback and again,
// by its bytes, on the server.
import { useRef, useState } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { setPictureUrlAction, uploadPictureAction } from "./actions.ts";

const MAX_BYTES = 512 * 1024;
const TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export function PictureEditor({ csrfToken, userId, current }: { csrfToken: string; userId: string; current?: string }) {
  const [url, setUrl] = useState(current ?? "");
  const [urlError, setUrlError] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const fileRef = useRef<HTMLInputElement>(null);
  const byUrl = useDashboardAction();
  const byFile = useDashboardAction();

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setUrlError(undefined);
          void byUrl.run(() => setPictureUrlAction(csrfToken, userId, url), { onError: (r) => setUrlError(r.fieldErrors?.picture_url ?? r.error) });
        }}
      >
        <TextField name="picture_url" label="Picture URL" type="url" inputMode="url" placeholder="https://…/picture.png" value={url} onChange={(e) => setUrl(e.target.value)} error={urlError} />
        <div>
          <DashboardButton type="submit" size="sm" pending={byUrl.pending} pendingLabel="Saving…">
            Use this URL
          </DashboardButton>
        </div>
      </form>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setFileError(undefined);
          const file = fileRef.current?.files?.[0];
          if (!file) return setFileError("Choose an image file.");
          if (!TYPES.includes(file.type)) return setFileError("Choose a PNG, JPEG, GIF or WebP image.");
          if (file.size > MAX_BYTES) return setFileError(`The picture is ${Math.ceil(file.size / 1024)} KB; at most ${MAX_BYTES / 1024} KB are allowed.`);
          const data = new FormData(event.currentTarget);
          void byFile.run(() => uploadPictureAction(data), {
            onSuccess: (r) => {
              if (r.data?.url) setUrl(r.data.url);
              if (fileRef.current) fileRef.current.value = "";
            },
            onError: (r) => setFileError(r.fieldErrors?.picture_file ?? r.error),
          });
        }}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="user_id" value={userId} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="picture_file" className="text-sm font-medium">
            Upload a picture
          </label>
          <input
            ref={fileRef}
            id="picture_file"
            name="picture"
            type="file"
            accept={TYPES.join(",")}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "picture_file-error picture_file-hint" : "picture_file-hint"}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-semibold dark:file:bg-slate-800 dark:file:text-slate-100"
            onChange={() => setFileError(undefined)}
          />
          <p id="picture_file-hint" className="text-xs text-slate-600 dark:text-slate-400">
            PNG, JPEG, GIF or WebP, at most 512 KB. Gatehouse stores it and serves it from a stable URL.
          </p>
          {fileError && (
            <p id="picture_file-error" className="text-sm text-red-700 dark:text-red-400">
              ⚠ {fileError}
            </p>
          )}
        </div>
        <div>
          <DashboardButton type="submit" size="sm" pending={byFile.pending} pendingLabel="Uploading…">
            Upload
          </DashboardButton>
        </div>
      </form>
    </div>
  );
}
