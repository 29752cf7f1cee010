import type { ReactNode } from "react";
import { Button, Section } from "@react-email/components";
import { styles } from "./styles";

/** A call to action; renders nothing without a URL (e.g. no manage link yet). */
export function ActionButton({ href, children }: { href: string | null | undefined; children: ReactNode }) {
  if (!href) return null;
  return (
    <Section style={{ margin: "4px 0 20px" }}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Section>
  );
}
