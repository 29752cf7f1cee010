import { Text } from "@react-email/components";
import { ActionButton } from "./action-button";
import { Field } from "./booking-details";
import { styles } from "./styles";
import type { BookingSummary } from "./types";

/** The close of a "that time was taken" email: the time that was lost, its reference, and a way back. */
export function TakenTime({ when, reference, bookUrl }: Pick<BookingSummary, "when" | "reference"> & { bookUrl: string }) {
  return (
    <>
      <Text style={styles.label}>The time you picked</Text>
      {when.map((line) => (
        <Text key={line.label} style={styles.value}>
          {line.label}: {line.value}
        </Text>
      ))}
      <Field label="Reference">{reference}</Field>
      <ActionButton href={bookUrl}>Pick another time</ActionButton>
    </>
  );
}
