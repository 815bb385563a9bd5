// /api/v2/guardian/* (Auth0's MFA configuration; lib/services/mfa): the factors with their enabled
// flag (only `otp` and `recovery-code` can be enabled in Gatehouse), the MFA policy ([] or
// ["all-applications"]), and Guardian enrollments (a user's OTP authenticators) by id.
// Scopes as Auth0's: read:guardian_factors / update:guardian_factors, read:mfa_policies /
// update:mfa_policies, read:guardian_enrollments / delete:guardian_enrollments.
import { z } from "zod";
import { deleteGuardianEnrollment, getGuardianEnrollment } from "../../services/mfa/manage-user-mfa.ts";
import { GUARDIAN_FACTOR_NAMES, getMfaSettings, listGuardianFactors, MFA_POLICIES, setGuardianFactor, setMfaPolicies } from "../../services/mfa/mfa-settings.ts";
import { defineOperation } from "../operation.ts";

const enrollmentIdParams = z.object({ id: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, "Must be printable ASCII") });

export const listGuardianFactorsOperation = defineOperation({
  method: "GET",
  path: "/guardian/factors",
  summary: "Get the multi-factor authentication factors",
  scopes: ["read:guardian_factors"],
  successStatus: 200,
  async handler({ db }) {
    return { status: 200, body: await listGuardianFactors(db) };
  },
});

export const setGuardianFactorOperation = defineOperation({
  method: "PUT",
  path: "/guardian/factors/{name}",
  summary: "Enable or disable a multi-factor authentication factor",
  scopes: ["update:guardian_factors"],
  params: z.object({ name: z.enum(GUARDIAN_FACTOR_NAMES) }),
  body: z.strictObject({ enabled: z.boolean() }),
  successStatus: 200,
  async handler({ db, params, body }) {
    return { status: 200, body: await setGuardianFactor(db, params.name, body.enabled) };
  },
});

export const getGuardianPoliciesOperation = defineOperation({
  method: "GET",
  path: "/guardian/policies",
  summary: "Get the multi-factor authentication policies",
  scopes: ["read:mfa_policies"],
  successStatus: 200,
  async handler({ db }) {
    return { status: 200, body: (await getMfaSettings(db)).policies };
  },
});

export const setGuardianPoliciesOperation = defineOperation({
  method: "PUT",
  path: "/guardian/policies",
  summary: "Set the multi-factor authentication policies",
  scopes: ["update:mfa_policies"],
  body: z.array(z.enum(MFA_POLICIES)).max(MFA_POLICIES.length),
  successStatus: 200,
  async handler({ db, body }) {
    return { status: 200, body: await setMfaPolicies(db, body) };
  },
});

export const getGuardianEnrollmentOperation = defineOperation({
  method: "GET",
  path: "/guardian/enrollments/{id}",
  summary: "Get a multi-factor authentication enrollment",
  scopes: ["read:guardian_enrollments"],
  params: enrollmentIdParams,
  successStatus: 200,
  async handler({ db, params }) {
    return { status: 200, body: await getGuardianEnrollment(db, params.id) };
  },
});

export const deleteGuardianEnrollmentOperation = defineOperation({
  method: "DELETE",
  path: "/guardian/enrollments/{id}",
  summary: "Delete a multi-factor authentication enrollment",
  scopes: ["delete:guardian_enrollments"],
  params: enrollmentIdParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteGuardianEnrollment(db, params.id, caller);
    return { status: 204 };
  },
});
