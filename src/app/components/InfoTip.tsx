import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';

/**
 * A figure with its explanation on hover, on keyboard focus and on a tap (a title attribute reaches neither
 * the keyboard nor touch). The tip is the button's accessible description; Esc puts it away.
 */
export function InfoTip({
  children,
  tip,
  className = '',
  data = {},
}: {
  children: ReactNode;
  /** Phrasing content only (it sits inside a button). */
  tip: ReactNode;
  className?: string;
  /** data-* attributes, so tests can check the figure against the records behind it. */
  data?: Record<`data-${string}`, string | number>;
}) {
  const id = useId();
  // Esc hides the tip without moving focus; it comes back on the next focus or hover.
  const [dismissed, setDismissed] = useState(false);
  const dismiss = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Escape' || dismissed) return;
    event.stopPropagation();
    setDismissed(true);
  };
  return (
    <button
      type="button"
      className={`info-tip ${dismissed ? 'dismissed' : ''} ${className}`}
      aria-describedby={id}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
      onKeyDown={dismiss}
      {...data}
    >
      {children}
      <span role="tooltip" id={id} className="info-tip-text">
        {tip}
      </span>
    </button>
  );
}
