"use client";
// Sign-ups, logins and failed logins per day (recharts). Colours read well in light and dark mode;
// the numbers are also in a table for screen readers and keyboard users (sr-only caption).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyActivity } from "@/lib/services/stats/daily-activity.ts";

const SERIES = [
  { key: "logins", label: "Logins", color: "#2563eb" },
  { key: "signups", label: "Sign-ups", color: "#059669" },
  { key: "failed_logins", label: "Failed logins", color: "#dc2626" },
] as const;

export function ActivityChart({ days }: { days: DailyActivity[] }) {
  const data = days.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <figure className="flex flex-col gap-2">
      <div className="h-72 w-full text-slate-500 dark:text-slate-400" data-testid="activity-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis dataKey="label" stroke="currentColor" fontSize={11} tickLine={false} interval="preserveStartEnd" minTickGap={12} />
            <YAxis stroke="currentColor" fontSize={11} tickLine={false} allowDecimals={false} />
            <Tooltip
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
              contentStyle={{ borderRadius: 8, fontSize: 12, background: "var(--color-white, #fff)", color: "#0f172a" }}
              labelFormatter={(_, payload) => (payload?.[0]?.payload as { day?: string } | undefined)?.day ?? ""}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} radius={[2, 2, 0, 0]} maxBarSize={14} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Sign-ups, logins and failed logins per day over the last {days.length} days; the table below has the numbers.</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Show the numbers</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-left text-xs">
            <thead>
              <tr>
                <th className="py-1 pr-3">Day (UTC)</th>
                {SERIES.map((s) => (
                  <th key={s.key} className="py-1 pr-3 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td className="py-0.5 pr-3">{d.day}</td>
                  {SERIES.map((s) => (
                    <td key={s.key} className="py-0.5 pr-3 text-right tabular-nums">
                      {d[s.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
