// An unreachable database answers 503 with a clear message (never a stack trace or a hang), and
// the instance recovers by itself when the database returns: at start-up and mid-flight.
// PostgreSQL only (an embedded SQLite file cannot become unreachable). The database connection
// goes through a TCP proxy the test can cut.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";

class CuttableProxy {
  #server: net.Server | undefined;
  #sockets = new Set<net.Socket>();
  constructor(readonly port: number, readonly target: { host: string; port: number }) {}
  async open(): Promise<void> {
    this.#server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server!.listen(this.port, "127.0.0.1", resolve));
  }
  async cut(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const real = new URL(process.env.DATABASE_URL!);
const proxy = new CuttableProxy(await freePort(), { host: real.hostname, port: Number(real.port || 5432) });
const viaProxy = new URL(real);
viaProxy.port = String(proxy.port);
process.env.DATABASE_URL = viaProxy.toString();

const { call } = await import("../helpers/app.ts");
const { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_ISSUER } = await import("../setup/test-env.ts");

const tokenForm = {
  grant_type: "client_credentials",
  client_id: TEST_BOOTSTRAP_CLIENT_ID,
  client_secret: TEST_BOOTSTRAP_CLIENT_SECRET,
  audience: `${TEST_ISSUER}api/v2/`,
};

afterAll(() => proxy.cut());

describe("database outage", () => {
  it("answers 503 while the database is down at start, then recovers without a restart", async () => {
    const started = Date.now();
    const ready = await call("GET", "/ready");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", database: "down" });

    const token = await call("POST", "/oauth/token", { form: tokenForm });
    expect(token.status).toBe(503);
    expect(await token.json()).toEqual({ error: "temporarily_unavailable", error_description: "The database is unavailable. Please retry shortly." });
    expect(token.headers.get("retry-after")).toBe("5");

    const api = await call("GET", "/api/v2/clients", { token: "whatever" });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ statusCode: 503, error: "Service Unavailable" });
    expect(Date.now() - started).toBeLessThan(15_000);

    expect((await call("GET", "/health")).status).toBe(200);

    await proxy.open();
    expect((await call("GET", "/ready")).status).toBe(200);
    expect((await call("POST", "/oauth/token", { form: tokenForm })).status).toBe(200);
  });

  it("answers 503 when the database goes away mid-flight, and recovers when it returns", async () => {
    const tokenResponse = await call("POST", "/oauth/token", { form: tokenForm });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    expect((await call("GET", "/api/v2/clients", { token: access_token })).status).toBe(200);

    await proxy.cut();
    const down = await call("GET", "/api/v2/clients", { token: access_token });
    expect(down.status).toBe(503);
    const body = (await down.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 503, message: "The database is unavailable. Please retry shortly." });
    expect(JSON.stringify(body)).not.toMatch(/at |ECONNREFUSED|stack/);
    expect((await call("GET", "/ready")).status).toBe(503);

    await proxy.open();
    expect((await call("GET", "/api/v2/clients", { token: access_token })).status).toBe(200);
    expect((await call("GET", "/ready")).status).toBe(200);
  });
});
