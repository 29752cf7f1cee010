import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "./test";

/** Fails with each axe violation's rule, help text and elements, naming the page or step. */
export async function expectNoAxeViolations(page: Page, step: string): Promise<void> {
  // After a client-side navigation Next streams the new <title> in a moment after the page's
  // content: scan once it is there, not in between.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on the ${step} step`).toEqual([]);
}
