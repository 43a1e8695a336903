import type { TimelineDate } from '@ipt/core';
import { type ReactNode, useState } from 'react';
import { TextAreaField } from '../forms/Field.js';
import { useInitial } from './initial-context.js';
import { checkTimelineText, timelineDateInput } from './timeline-date.js';
import { dateError, TimelineDateField } from './TimelineDateField.js';

/** The pieces an inventory card is made of: a group that opens, a text answer, a date answer. All saved as you go. */
export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="person-group">
      <summary>{title}</summary>
      <div className="person-group-body">{children}</div>
    </details>
  );
}

/** A text answer of the inventory: optional, saved as you go, sent at once when left. */
export function Answer({
  label,
  value,
  onChange,
  flush,
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  flush: () => void;
  hint?: string;
}) {
  return (
    <TextAreaField
      label={label}
      hint={hint}
      required={false}
      rows={2}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={flush}
    />
  );
}

/** A timeline date typed in the card: saved when it reads as a date core allows, otherwise the field says why. */
export function DateAnswer({
  label,
  value,
  onChange,
  flush,
}: {
  label: string;
  value: TimelineDate | null;
  onChange: (d: TimelineDate | null) => void;
  flush: () => void;
}) {
  const { today, patient } = useInitial();
  const [text, setText] = useState(timelineDateInput(value));
  const check = checkTimelineText(text, today, patient.yearOfBirth);
  return (
    <TimelineDateField
      label={label}
      value={text}
      optional
      error={dateError(check, false)}
      onBlur={flush}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const c = checkTimelineText(next, today, patient.yearOfBirth);
        if (c.ok) onChange(c.date);
        else if (c.reason === 'empty') onChange(null);
      }}
    />
  );
}
