/**
 * Resolves when the diagram on screen shows the current data (laid out, or saying why not), for the
 * printed hand-out, which captures each chapter in turn.
 */
export function diagramSettled(timeoutMs = 30_000): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const status = document.querySelector<HTMLElement>('.diagram')?.dataset.diagramStatus;
      if ((status && status !== 'loading') || performance.now() - started > timeoutMs) resolve();
      else setTimeout(check, 100);
    };
    // Two frames: React first commits the chapter's state, so the status read is the new one's.
    requestAnimationFrame(() => requestAnimationFrame(check));
  });
}
