import type { CSSProperties } from "react";

// Inline styles: mail clients ignore stylesheets, and system fonts load nothing remote.
export const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: 8, margin: "0 auto", maxWidth: 560, padding: "32px 28px" },
  brand: { color: "#52525b", fontSize: 14, fontWeight: 600, letterSpacing: 0.3, margin: "0 0 16px" },
  heading: { color: "#18181b", fontSize: 22, lineHeight: "28px", margin: "0 0 16px" },
  text: { color: "#27272a", fontSize: 15, lineHeight: "24px", margin: "0 0 12px" },
  muted: { color: "#71717a", fontSize: 13, lineHeight: "20px", margin: "0 0 8px" },
  label: { color: "#71717a", fontSize: 12, fontWeight: 600, letterSpacing: 0.4, margin: "0", textTransform: "uppercase" },
  value: { color: "#18181b", fontSize: 15, lineHeight: "22px", margin: "0 0 12px" },
  details: { backgroundColor: "#fafafa", border: "1px solid #e4e4e7", borderRadius: 6, margin: "8px 0 20px", padding: "16px 18px 4px" },
  button: {
    backgroundColor: "#1d4ed8",
    borderRadius: 6,
    color: "#ffffff",
    fontSize: 15,
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  link: { color: "#1d4ed8" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0 16px" },
} satisfies Record<string, CSSProperties>;
