// The password worker pool under more jobs than workers: each worker holds the job it computes and
// the next one (hash-pool.ts JOBS_PER_WORKER), and every caller still gets its own job's answer.
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { closeHashPool, hashPassword, verifyBcrypt } from "./hash-pool.ts";

afterAll(() => closeHashPool());

describe("hash pool", () => {
  it("answers every job with its own result when jobs queue behind busy workers", async () => {
    const passwords = ["alpha-Passw0rd!", "beta-Passw0rd!", "gamma-Passw0rd!"];
    const hashes = passwords.map((p) => bcrypt.hashSync(p, 4));
    const jobs = Array.from({ length: 24 }, (_, i) => {
      const hash = hashes[i % 3]!;
      const password = i % 2 === 0 ? passwords[i % 3]! : `${passwords[i % 3]}x`;
      return { expected: i % 2 === 0, result: verifyBcrypt(password, hash) };
    });
    const made = Promise.all([hashPassword("delta-Passw0rd!", 4), hashPassword("epsilon-Passw0rd!", 4)]);
    expect(await Promise.all(jobs.map((j) => j.result))).toEqual(jobs.map((j) => j.expected));
    const [delta, epsilon] = await made;
    expect(bcrypt.compareSync("delta-Passw0rd!", delta!)).toBe(true);
    expect(bcrypt.compareSync("epsilon-Passw0rd!", epsilon!)).toBe(true);
  });

  it("starts its workers again after it was closed", async () => {
    await closeHashPool();
    expect(await verifyBcrypt("alpha-Passw0rd!", bcrypt.hashSync("alpha-Passw0rd!", 4))).toBe(true);
  });
});
