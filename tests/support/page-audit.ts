import type { Page } from 'playwright-core';

export interface PageAudit {
  consoleErrors: string[];
  /** Every request to anything but the app's origin (data: and blob: URLs stay on the machine). */
  foreignRequests: string[];
  failedRequests: string[];
}

/** Records what a user would never see but must never happen: errors, and traffic to other hosts. */
export function auditPage(page: Page, origin: string): PageAudit {
  const audit: PageAudit = { consoleErrors: [], foreignRequests: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') audit.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => audit.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) audit.foreignRequests.push(url);
  });
  page.on('requestfailed', (request) =>
    audit.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) audit.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return audit;
}
