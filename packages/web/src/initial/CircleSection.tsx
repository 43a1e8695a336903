import { type CirclePlacement, CircleRings, placeByCloseness, SnapshotPhase, stepRing } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, versioned } from '../api.js';
import { SelectField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import type { FormMessage } from '../forms/use-form-state.js';
import { snapshotPhaseLabel, snapshotPhaseOptions } from '../i18n/initial-labels.js';
import { formatDate, formatDateTime, t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';
import { ClosenessCircle } from './ClosenessCircle.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';
import { MarksKey, PersonMarks } from './PersonMarks.js';

/**
 * The closeness circle (DOMAIN §2.3): drawn from the inventory's closeness rings, moved by drag, by the arrow keys on
 * a node, or by the buttons in the list beside it; each move is saved to the person's inventory entry. A snapshot
 * keeps the circle as it is (intake, mid-treatment, end of treatment) to compare later.
 */
export function CircleSection() {
  const { detail, view, patient, rings, setRings } = useInitial();
  const courseId = detail.course.id;
  const refresh = useRefreshInitial(courseId, patient.id);
  const captionId = useId();
  const [angles, setAngles] = useState<ReadonlyMap<string, number>>(new Map());
  const [moving, setMoving] = useState<ReadonlyMap<string, number>>(new Map());
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [phase, setPhase] = useState<string>(SnapshotPhase.intake);
  const people = view.inventory.map(versioned);

  const placements: CirclePlacement[] = placeByCloseness(
    people.map((p) => ({ id: p.id, closenessRing: moving.get(p.id) ?? p.closenessRing })),
    rings,
  ).map((p) => ({ ...p, angle: angles.get(p.personId) ?? p.angle }));

  const move = useMutation({
    mutationFn: ({ id, ring }: { id: string; ring: number }) => {
      const entry = people.find((p) => p.id === id);
      return api.updateInventoryEntry({
        params: { recordId: id },
        body: { closenessRing: ring },
        ifMatch: entry?.version ?? 0,
      });
    },
    onSuccess: (_, { id, ring }) => {
      const name = people.find((p) => p.id === id)?.personName ?? '';
      setMessage({ kind: 'success', text: t('circle.moved', { name, ring }) });
    },
    onError: (error) => setMessage({ kind: 'error', text: error.message }),
    onSettled: async (_, __, { id }) => {
      await refresh();
      setMoving((m) => new Map([...m].filter(([k]) => k !== id)));
    },
  });

  const moveTo = (id: string, ring: number, angle?: number) => {
    if (angle !== undefined) setAngles((a) => new Map(a).set(id, angle));
    const current = placements.find((p) => p.personId === id)?.ring;
    if (current === ring && people.find((p) => p.id === id)?.closenessRing !== null) return;
    setMoving((m) => new Map(m).set(id, ring));
    move.mutate({ id, ring });
  };
  const step = (id: string, by: -1 | 1) => {
    const next = stepRing(placements, id, by, rings).find((p) => p.personId === id)?.ring;
    if (next !== undefined) moveTo(id, next);
  };

  const snapshot = useMutation({
    mutationFn: () =>
      api.createCircleSnapshot({
        params: { courseId },
        body: {
          phase: phase as SnapshotPhase,
          rings,
          placements: placements.map((p) => ({ ...p, angle: p.angle % 360 })),
        },
      }),
    onSuccess: async () => {
      setMessage({
        kind: 'success',
        text: t('circle.snapshotSaved', { phase: snapshotPhaseLabel(phase).toLowerCase() }),
      });
      await refresh();
    },
    onError: (error) => setMessage({ kind: 'error', text: error.message }),
  });

  const ringOptions = [CircleRings.min, CircleRings.max].map((n) => ({
    value: String(n),
    label: t('circle.ringsN', { n }),
  }));

  return (
    <section id={ToolId.circle} className="tool" aria-labelledby="circle-heading">
      <h2 id="circle-heading">{toolName(ToolId.circle)}</h2>
      <p className="tool-intro">{t('circle.intro')}</p>
      {people.length === 0 ? (
        <p className="empty">{t('circle.empty')}</p>
      ) : (
        <div className="circle-layout">
          <div className="circle-figure">
            <ClosenessCircle
              people={people}
              placements={placements}
              rings={rings}
              centreLabel={patient.displayName}
              onMove={moveTo}
              onStep={step}
            />
            <MarksKey />
            <p className="hint">{t('circle.keyRings')}</p>
          </div>
          <div className="circle-side stack">
            <RadioGroup
              legend={t('circle.rings')}
              name="circle-rings"
              className="radio-inline no-print"
              options={ringOptions}
              value={String(rings)}
              onChange={(e) => setRings(Number(e.target.value))}
            />
            <FormStatus message={message} />
            <TableScroll labelledBy={captionId}>
              <table className="table circle-table">
                <caption id={captionId}>{t('circle.listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('circle.col.person')}</th>
                    <th scope="col">{t('circle.col.ring')}</th>
                    <th scope="col">{t('circle.col.marks')}</th>
                    <th scope="col" className="no-print">
                      {t('circle.col.move')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {placements.map((p) => {
                    const person = people.find((x) => x.id === p.personId);
                    if (!person) return null;
                    const name = person.personName;
                    return (
                      <tr key={p.personId} data-person={name}>
                        <th scope="row">{name}</th>
                        <td className="nowrap">
                          {person.closenessRing === null && !moving.has(p.personId)
                            ? t('circle.notPlaced')
                            : t('circle.ringWords', { ring: p.ring, rings })}
                        </td>
                        <td>
                          <PersonMarks entry={person} />
                        </td>
                        <td className="row-actions no-print">
                          <button
                            type="button"
                            className="button button-quiet button-small"
                            aria-label={t('circle.closerNamed', { name })}
                            disabled={p.ring <= 1 && person.closenessRing !== null}
                            onClick={() => step(p.personId, -1)}
                          >
                            {t('circle.closer')}
                          </button>
                          <button
                            type="button"
                            className="button button-quiet button-small"
                            aria-label={t('circle.furtherNamed', { name })}
                            disabled={p.ring >= rings}
                            onClick={() => step(p.personId, 1)}
                          >
                            {t('circle.further')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <div className="snapshot no-print">
              <SelectField
                label={t('circle.snapshotPhase')}
                options={snapshotPhaseOptions}
                value={phase}
                onChange={(e) => setPhase(e.target.value)}
              />
              <button type="button" className="button" onClick={() => snapshot.mutate()} disabled={snapshot.isPending}>
                {t('circle.snapshot', { phase: snapshotPhaseLabel(phase).toLowerCase() })}
              </button>
            </div>
            {view.snapshots.length > 0 && (
              <div className="snapshots">
                <h3>{t('circle.snapshots')}</h3>
                <ul>
                  {view.snapshots.map(({ id, data: s }) => (
                    <li key={id}>
                      {t('circle.snapshotItem', {
                        phase: snapshotPhaseLabel(s.phase),
                        people: s.placements.length,
                        rings: s.rings,
                        when: `, ${s.takenAt.length <= 10 ? formatDate(s.takenAt) : formatDateTime(s.takenAt)}`,
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
