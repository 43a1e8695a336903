/**
 * The contract's request schemas the forms check before sending, and with them zod: a chunk of their own, loaded by
 * `validate` (problem.ts) when a form first needs it, never with a page (ADR 0018). A form that checks with another
 * schema adds it here.
 */
export {
  CreateAnnotationRequest,
  CreateCourseRequest,
  CreateInventoryEntryRequest,
  CreatePatientRequest,
  CreatePhaseTransitionRequest,
  CreateSafetyReviewRequest,
  CreateSessionRequest,
  ConfirmMfaEnrolmentRequest,
  DisableMfaRequest,
  InitialFactsRequest,
  MidCourseReviewRequest,
  ProblemAreaChoiceRequest,
  TreatmentContractRequest,
  UnlockRequest,
  VerifyMfaRequest,
} from '@ipt/contract';
