import { type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { t } from '../i18n/t.js';
import { TextField } from './Field.js';

/**
 * An ordered list edited in place: each item's own fields, and buttons to move it up or down and to remove it; a
 * button at the end adds one. Everything works from the keyboard: the buttons, and Alt+↑ / Alt+↓ anywhere in an
 * item to move it. Focus stays on the control it was on while its item moves.
 */
export function ItemListEditor<T>({
  legend,
  hint,
  items,
  onChange,
  keyOf,
  itemName,
  render,
  blank,
  addLabel,
  max = 50,
  className,
}: {
  legend: ReactNode;
  hint?: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  keyOf: (item: T, index: number) => string;
  /** How an item is named on its buttons ("turn 2"). */
  itemName: (index: number) => string;
  render: (item: T, update: (item: T) => void, index: number) => ReactNode;
  blank: () => T;
  addLabel: string;
  max?: number;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const focused = useRef<HTMLElement | null>(null);
  const lastAdded = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // After a move the focused control's node may have been moved in the page, which loses focus: give it back. After
  // an add, focus goes to the new item's first field.
  useLayoutEffect(() => {
    const el = focused.current;
    focused.current = null;
    if (el && document.activeElement !== el && el.isConnected) el.focus();
    const added = lastAdded.current;
    lastAdded.current = null;
    if (added !== null) list.current?.children[added]?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  });

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= items.length) return;
    focused.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item !== undefined) next.splice(to, 0, item);
    onChange(next);
  };
  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(index, e.key === 'ArrowUp' ? -1 : 1);
  };

  return (
    <fieldset className={['list-editor', className].filter(Boolean).join(' ')} aria-describedby={hintId}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {items.length > 0 && (
        <ol ref={list} className="list-items">
          {items.map((item, index) => {
            const name = itemName(index);
            return (
              // biome-ignore lint/a11y/noNoninteractiveElementInteractions: Alt+arrows reach the item's buttons' moves.
              <li key={keyOf(item, index)} className="list-item" onKeyDown={onKeyDown(index)}>
                <div className="list-item-body">
                  {render(item, (changed) => onChange(items.map((x, j) => (j === index ? changed : x))), index)}
                </div>
                <div className="list-item-actions">
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={index === 0}
                    aria-label={t('list.moveUp', { item: name })}
                    onClick={() => move(index, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={index === items.length - 1}
                    aria-label={t('list.moveDown', { item: name })}
                    onClick={() => move(index, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={t('list.remove', { item: name })}
                    onClick={() => onChange(items.filter((_, j) => j !== index))}
                  >
                    {t('list.removeShort')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {items.length < max && (
        <div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              lastAdded.current = items.length;
              onChange([...items, blank()]);
            }}
          >
            {addLabel}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** A list of short texts (warning signs, pros, residual goals): one labelled field per entry, in order. */
export function StringListEditor({
  legend,
  hint,
  items,
  onChange,
  onBlur,
  itemLabel,
  addLabel,
  max,
  className,
}: {
  legend: ReactNode;
  hint?: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  onBlur?: () => void;
  /** The label of entry n (1-based), also naming it on its buttons. */
  itemLabel: (n: number) => string;
  addLabel: string;
  max?: number;
  className?: string;
}) {
  return (
    <ItemListEditor
      legend={legend}
      {...(hint ? { hint } : {})}
      items={items}
      onChange={onChange}
      // Entries are plain strings with no identity of their own: their place is their key.
      keyOf={(_, i) => String(i)}
      itemName={(i) => itemLabel(i + 1)}
      blank={() => ''}
      addLabel={addLabel}
      {...(max ? { max } : {})}
      {...(className ? { className } : {})}
      render={(value, update, i) => (
        <TextField
          label={itemLabel(i + 1)}
          required={false}
          value={value}
          onChange={(e) => update(e.target.value)}
          {...(onBlur ? { onBlur } : {})}
        />
      )}
    />
  );
}

/** A short random id for an item inside a record (a turn, an option): the server keeps what the client made. */
export const itemId = () => crypto.randomUUID().slice(0, 12);
