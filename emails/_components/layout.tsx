import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Preview, Text } from "@react-email/components";
import { styles } from "./styles";

type Props = { preview: string; businessName: string; children: ReactNode; footer?: ReactNode };

/** The frame every email shares: preview line, brand, body and a short footer. */
export function EmailLayout({ preview, businessName, children, footer }: Props) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{businessName}</Text>
          {children}
          <Hr style={styles.hr} />
          {footer ?? <Text style={styles.muted}>Questions? Just reply to this email.</Text>}
        </Container>
      </Body>
    </Html>
  );
}
