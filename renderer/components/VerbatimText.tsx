import { Fragment, type ReactNode } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A translated sentence whose placeholders carry data the technician must read exactly as the
 * cluster wrote it (CSR signer, subject, key, usages, parser reason): the sentence is ours, the
 * values are marked data-verbatim so they are shown, copied and checked as data, not as wording.
 */
export function VerbatimText({ text, values }: { text: string; values: Record<string, unknown> | undefined }) {
  const data = Object.values(values ?? {})
    .map((v) => String(v))
    .filter((v) => /[A-Za-z]/.test(v))
    .sort((a, b) => b.length - a.length);
  if (!data.length) return <>{text}</>;
  const parts = text.split(new RegExp(`(${data.map(escape).join('|')})`));
  const nodes: ReactNode[] = parts.map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} data-verbatim>
        {part}
      </span>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
  return <>{nodes}</>;
}
