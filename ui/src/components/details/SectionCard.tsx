import { useId, type ReactNode } from 'react';

/** One section of the details: a card with its heading, labelled by it. */
export function SectionCard({
  title,
  testId,
  className,
  children,
}: {
  title: string;
  testId: string;
  /** Classes besides the card's own. */
  className?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={className === undefined ? 'card section-card' : `card section-card ${className}`}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <h3 id={headingId} className="card__heading">
        {title}
      </h3>
      {children}
    </section>
  );
}
