import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const testResultsDir = path.resolve(import.meta.dirname, '../../test-results');

/** Saves a screenshot under test-results/ (git-ignored) and returns the PNG bytes for pixel checks. */
export async function saveScreenshot(page: Page, name: string): Promise<Buffer> {
  await mkdir(testResultsDir, { recursive: true });
  return page.screenshot({ path: path.join(testResultsDir, `${name}.png`) });
}
