import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { templatePreviews } from "./templates";

// Every template renders with its preview props; the plain-text part is snapshotted so a
// copy change shows up in review as a readable diff.
describe("email templates", () => {
  for (const preview of templatePreviews()) {
    it(`renders ${preview.name} to HTML and plain text`, async () => {
      const html = await render(preview.element);
      const text = await render(preview.element, { plainText: true });
      expect(html).toContain("<!DOCTYPE html");
      expect(html).toContain("Northwind Consulting");
      expect(text).not.toContain("<");
      expect(`Subject: ${preview.subject}\n\n${text}`).toMatchSnapshot();
    });
  }

  it("shows the Manage booking link only when a manage URL is given", async () => {
    const confirmed = templatePreviews().find((p) => p.name === "booking-confirmed")!;
    const withLink = await render(confirmed.element, { plainText: true });
    expect(withLink).toMatch(/Manage booking.*https:\/\/booking\.example\.com\/manage\//s);
    const { default: BookingConfirmedEmail } = await import("./booking-confirmed");
    const without = await render(<BookingConfirmedEmail {...BookingConfirmedEmail.PreviewProps} manageUrl={null} />, { plainText: true });
    expect(without).not.toContain("Manage booking");
  });
});
