/** axe-core over a page, with WCAG 2.x A/AA rules and best practices. */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** The violations axe finds on the page, as short readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}
