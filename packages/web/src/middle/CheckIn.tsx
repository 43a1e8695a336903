import { Link } from '@tanstack/react-router';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { ScaleField } from '../forms/ScaleField.js';
import { t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { useMiddle } from './middle-context.js';
import type { WorkProps } from './record-editing.js';

/**
 * The opening of the session (DOMAIN §1.3): "how have things been since we last met?", mood 0–10, and the measure
 * scheduled for this session: the one given, or where to give it.
 */
export function CheckIn({ draft, change, flush }: WorkProps) {
  const { measures, session, patientId } = useMiddle();
  const instrumentName = useInstrumentName();
  const checkIn = draft.checkIn;
  const given = (measures?.series ?? []).flatMap((s) =>
    s.points
      .filter((p) => p.sessionNumber === session.number)
      .map((p) => ({
        value: p.administrationId,
        label:
          p.total === null
            ? t('checkIn.givenUnscored', { instrument: s.shortName })
            : t('checkIn.given', { instrument: s.shortName, total: p.total, band: p.band ?? '' }),
      })),
  );
  // Due at this session: asked for at it, or overdue since it or an earlier one.
  const due = (measures?.due ?? []).filter(
    (d) => d.sessionNumber === session.number || (d.overdueSince !== null && d.overdueSince <= session.number),
  );
  return (
    <div className="check-in stack">
      <h3>{t('checkIn.heading')}</h3>
      <TextAreaField
        label={t('checkIn.sinceLastMet')}
        hint={t('checkIn.sinceLastMetHint')}
        required={false}
        rows={3}
        value={checkIn.sinceLastMet}
        onChange={(e) => change({ checkIn: { ...checkIn, sinceLastMet: e.target.value } })}
        onBlur={flush}
      />
      <ScaleField
        legend={t('checkIn.mood')}
        low={t('checkIn.moodLow')}
        high={t('checkIn.moodHigh')}
        value={checkIn.mood}
        onChange={(mood) => change({ checkIn: { ...checkIn, mood } })}
      />
      <div className="check-in-measure">
        {given.length > 0 ? (
          <SelectField
            label={t('checkIn.measure')}
            hint={t('checkIn.givenHint', { given: given.map((g) => g.label).join('; ') })}
            options={[{ value: '', label: t('checkIn.measureNone') }, ...given]}
            value={checkIn.administrationId ?? ''}
            onChange={(e) =>
              change({ checkIn: { ...checkIn, administrationId: e.target.value === '' ? null : e.target.value } })
            }
          />
        ) : (
          <p className="hint">{t('checkIn.noMeasure')}</p>
        )}
        {due.length > 0 && (
          <p className="notice notice-warn">
            {t('checkIn.due', { instruments: due.map((d) => instrumentName(d.instrumentId)).join(', ') })}{' '}
            <Link to="/patients/$patientId" params={{ patientId }} hash="measures">
              {t('checkIn.give')}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
