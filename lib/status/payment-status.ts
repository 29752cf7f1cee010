// Payment status rules, defined once (ADR 068). Pure and client-safe.

/** Money was taken (some may have been refunded since), by the provider or outside the app. */
export const PAID_PAYMENT_STATUSES = ["SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED", "PAID_OUTSIDE"] as const;
/** Settled by an admin, not by the provider (ADR 086); any money went back outside the app too. */
export const SETTLED_OUTSIDE_STATUSES = ["PAID_OUTSIDE", "WAIVED"] as const;
/** Money was taken and some of it is still ours to refund. */
export const REFUNDABLE_PAYMENT_STATUSES = ["SUCCEEDED", "PARTIALLY_REFUNDED"] as const;

/** The card is held and the booking confirmed; the fee is captured later (ADR 120). */
export const AUTHORIZED_PAYMENT_STATUSES = ["AUTHORIZED"] as const;
/** The booking stands on this payment: money taken, or an authorisation that will be captured. */
export const SECURED_PAYMENT_STATUSES = [...PAID_PAYMENT_STATUSES, ...AUTHORIZED_PAYMENT_STATUSES] as const;

/** No money yet, and a success may still arrive and be settled. */
export const UNSETTLED_PAYMENT_STATUSES = ["REQUIRES_PAYMENT", "PROCESSING", "FAILED"] as const;

type WithStatus = { status: string } | null | undefined;

export const isPaidStatus = (status: string) => (PAID_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isUnsettledStatus = (status: string) => (UNSETTLED_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isSettledOutsideStatus = (status: string) => (SETTLED_OUTSIDE_STATUSES as readonly string[]).includes(status);
export const isAuthorizedStatus = (status: string) => (AUTHORIZED_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isSecuredStatus = (status: string) => (SECURED_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isRefundableStatus = (status: string) => (REFUNDABLE_PAYMENT_STATUSES as readonly string[]).includes(status);
export const isPaid = (payment: WithStatus): payment is { status: string } => !!payment && isPaidStatus(payment.status);
export const isRefundable = (payment: WithStatus): payment is { status: string } => !!payment && isRefundableStatus(payment.status);
