import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';

/** Characters kept whole at the end of a middle-truncated handle: where look-alike handles usually differ. */
const TAIL_LENGTH = 6;

/**
 * A supporter's (or the creator's) handle as text from outside: hidden and reordering characters
 * made visible (`neutralizeDisplayText`), and the handle isolated (`<bdi>`) so a right-to-left
 * handle never reorders the words around it.
 *
 * `fit="middle"` keeps one line: when the handle is too long, its middle gives way to an ellipsis
 * and its start and end stay readable (look-alike handles usually differ at the end); the whole
 * handle stays in the text, so assistive tech reads it all, and the tooltip shows it. `fit="wrap"`
 * breaks a long handle over lines anywhere (a profile title).
 */
export function HandleText({ handle, fit = 'wrap', className }: { handle: string; fit?: 'wrap' | 'middle'; className?: string }) {
  const shown = neutralizeDisplayText(handle);
  const characters = Array.from(shown);
  if (fit === 'wrap' || characters.length <= TAIL_LENGTH * 2) {
    return (
      <bdi className={`handle-text${fit === 'wrap' ? ' wrap' : ' one-line'}${className ? ` ${className}` : ''}`} data-testid="handle-text">
        {shown}
      </bdi>
    );
  }
  return (
    <bdi className={`handle-text middle${className ? ` ${className}` : ''}`} data-testid="handle-text" data-full={shown}>
      {/* Read whole by assistive tech (two flex items would be read with a space between them). */}
      <span className="sr-only">{shown}</span>
      <span className="handle-visual" aria-hidden="true">
        <span className="handle-start">{characters.slice(0, -TAIL_LENGTH).join('')}</span>
        <span className="handle-end">{characters.slice(-TAIL_LENGTH).join('')}</span>
      </span>
    </bdi>
  );
}

/** The handle as plain text for attributes (titles, labels) and sentences: neutralised, no markup. */
export function handleLabel(handle: string): string {
  return neutralizeDisplayText(handle);
}
