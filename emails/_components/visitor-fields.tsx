import { Link } from "@react-email/components";
import { Field } from "./booking-details";
import { styles } from "./styles";

export type VisitorDetails = { name: string; email: string; company: string | null; phone: string | null; notes: string | null };

/** Who booked, for the admin notifications. */
export function VisitorFields({ visitor }: { visitor: VisitorDetails }) {
  return (
    <>
      <Field label="Name">{visitor.name}</Field>
      <Field label="Email">
        <Link href={`mailto:${visitor.email}`} style={styles.link}>
          {visitor.email}
        </Link>
      </Field>
      {visitor.company ? <Field label="Company">{visitor.company}</Field> : null}
      {visitor.phone ? <Field label="Phone">{visitor.phone}</Field> : null}
      {visitor.notes ? <Field label="Notes">{visitor.notes}</Field> : null}
    </>
  );
}

export const previewVisitor: VisitorDetails = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  company: "Analytical Engines Ltd",
  phone: "+44 20 7946 0000",
  notes: "Would like to discuss a data migration.",
};
