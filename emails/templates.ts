import { createElement, type ReactElement } from "react";
import AdminCalendarBrokenEmail, { adminCalendarBrokenSubject } from "./admin-calendar-broken";
import AdminBookingCancelledEmail, { adminBookingCancelledSubject } from "./admin-booking-cancelled";
import AdminNewBookingEmail, { adminNewBookingSubject } from "./admin-new-booking";
import AdminFeeLostEmail, { adminFeeLostSubject } from "./admin-fee-lost";
import AdminRefundedOutsideAppEmail, { adminRefundedOutsideAppSubject } from "./admin-refunded-outside-app";
import BookingCancelledEmail, { bookingCancelledSubject } from "./booking-cancelled";
import BookingConfirmedEmail, { bookingConfirmedSubject } from "./booking-confirmed";
import BookingReminderEmail, { bookingReminderSubject } from "./booking-reminder";
import BookingRescheduledEmail, { bookingRescheduledSubject } from "./booking-rescheduled";
import FeeReceiptEmail, { feeReceiptSubject } from "./fee-receipt";
import LatePaymentRefundedEmail, { latePaymentRefundedSubject } from "./late-payment-refunded";
import LatePaymentReleasedEmail, { latePaymentReleasedSubject } from "./late-payment-released";
import ManageLinkReissuedEmail, { manageLinkReissuedSubject } from "./manage-link-reissued";
import PaymentRefundedEmail, { paymentRefundedSubject } from "./payment-refunded";

// Every template with its preview props, for the dev preview and the snapshot tests.

type Template<P> = ((props: P) => ReactElement) & { PreviewProps: P };

export type TemplatePreview = { name: string; title: string; subject: string; element: ReactElement };

function preview<P extends object>(name: string, title: string, component: Template<P>, subject: (props: P) => string): TemplatePreview {
  const props = component.PreviewProps;
  return { name, title, subject: subject(props), element: createElement(component, props) };
}

export function templatePreviews(): TemplatePreview[] {
  return [
    preview("booking-confirmed", "Booking confirmed", BookingConfirmedEmail, bookingConfirmedSubject),
    preview("booking-reminder", "Reminder (24 h before)", BookingReminderEmail, bookingReminderSubject),
    preview("booking-rescheduled", "Booking rescheduled", BookingRescheduledEmail, bookingRescheduledSubject),
    preview("booking-cancelled", "Booking cancelled (with refund)", BookingCancelledEmail, bookingCancelledSubject),
    preview("payment-refunded", "Payment refunded", PaymentRefundedEmail, paymentRefundedSubject),
    preview("fee-receipt", "Receipt (fee charged)", FeeReceiptEmail, feeReceiptSubject),
    preview("late-payment-refunded", "Late payment refunded (slot taken)", LatePaymentRefundedEmail, latePaymentRefundedSubject),
    preview("late-payment-released", "Late authorisation released (slot taken)", LatePaymentReleasedEmail, latePaymentReleasedSubject),
    preview("manage-link-reissued", "New manage link (old one revoked)", ManageLinkReissuedEmail, manageLinkReissuedSubject),
    preview("admin-new-booking", "Admin: new booking", AdminNewBookingEmail, adminNewBookingSubject),
    preview("admin-booking-cancelled", "Admin: booking cancelled", AdminBookingCancelledEmail, adminBookingCancelledSubject),
    preview("admin-refunded-outside-app", "Admin: refunded outside the app", AdminRefundedOutsideAppEmail, adminRefundedOutsideAppSubject),
    preview("admin-fee-lost", "Admin: booking fee not collected", AdminFeeLostEmail, adminFeeLostSubject),
    preview("admin-calendar-broken", "Admin: calendar connection broken", AdminCalendarBrokenEmail, adminCalendarBrokenSubject),
  ];
}
