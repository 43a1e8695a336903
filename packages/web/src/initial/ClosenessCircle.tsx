import type { CirclePlacement, InventoryEntry } from '@ipt/core';
import { type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';
import { t } from '../i18n/t.js';
import {
  circleCentre,
  circleSize,
  freeAngle,
  placementAt,
  pointOf,
  ringLabelPoint,
  ringRadius,
} from './circle-geometry.js';
import { marksOf } from './PersonMarks.js';

const short = (name: string) => (name.length > 16 ? `${name.slice(0, 15)}…` : name);

/**
 * The closeness circle in SVG (DOMAIN §2.3): the patient at the centre, each person a node on their ring. A node is
 * dragged to another ring, or focused and moved with the arrow keys (it is a slider whose value is the ring). Marks
 * are letters inside the node, with line style as a second cue: never colour alone.
 */
export function ClosenessCircle({
  people,
  placements,
  rings,
  centreLabel,
  onMove,
  onStep,
}: {
  people: readonly InventoryEntry[];
  placements: readonly CirclePlacement[];
  rings: number;
  centreLabel: string;
  onMove: (personId: string, ring: number, angle: number) => void;
  onStep: (personId: string, step: -1 | 1) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number; moved: boolean } | null>(null);
  const { size } = circleSize;
  // A ring's number sits where neither its own people nor the next ring's names cover it.
  const labelAngle = (ring: number) =>
    freeAngle(placements.filter((p) => p.ring === ring || p.ring === ring + 1).map((p) => p.angle));

  const toSvg = (e: PointerEvent) => {
    const m = svg.current?.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };

  const onKey = (id: string, ring: number) => (e: KeyboardEvent) => {
    const closer = e.key === 'ArrowLeft' || e.key === 'ArrowDown' || e.key === '-';
    const further = e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === '+';
    if (e.key === 'Home' && ring > 1) onMove(id, 1, placements.find((p) => p.personId === id)?.angle ?? 0);
    else if (e.key === 'End' && ring < rings) onMove(id, rings, placements.find((p) => p.personId === id)?.angle ?? 0);
    else if (closer || further) onStep(id, closer ? -1 : 1);
    else return;
    e.preventDefault();
  };

  return (
    <svg
      ref={svg}
      className="circle-chart"
      viewBox={`0 0 ${size} ${size}`}
      role="group"
      aria-label={t('tool.circle')}
      onPointerMove={(e) => {
        if (!drag) return;
        const p = toSvg(e);
        setDrag({ ...drag, ...p, moved: drag.moved || Math.hypot(p.x - drag.x, p.y - drag.y) > 3 });
      }}
      onPointerUp={() => {
        if (drag?.moved) {
          const { ring, angle } = placementAt(drag.x, drag.y, rings);
          onMove(drag.id, ring, angle);
        }
        setDrag(null);
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {Array.from({ length: rings }, (_, i) => rings - i).map((ring) => (
        <g key={ring} className={`circle-ring ring-${ring}`}>
          <circle cx={circleCentre} cy={circleCentre} r={ringRadius(ring, rings)} />
          <text {...ringLabelPoint(ring, rings, labelAngle(ring))} textAnchor="middle" aria-hidden="true">
            {ring}
          </text>
        </g>
      ))}
      <g className="circle-centre" aria-hidden="true">
        <circle cx={circleCentre} cy={circleCentre} r={circleSize.centreRadius - 8} />
        <text x={circleCentre} y={circleCentre + 5} textAnchor="middle">
          {short(centreLabel)}
        </text>
      </g>
      {placements.map((p) => {
        const person = people.find((x) => x.id === p.personId);
        if (!person) return null;
        const marks = marksOf(person);
        const at = drag?.id === p.personId && drag.moved ? drag : pointOf(p.ring, p.angle, rings);
        const classes = ['circle-person', ...marks.map((m) => `has-${m}`), drag?.id === p.personId ? 'dragging' : '']
          .filter(Boolean)
          .join(' ');
        const markWords = marks.map((m) => t(`markName.${m}`)).join(', ');
        return (
          <g
            key={p.personId}
            className={classes}
            data-person={person.personName}
            data-ring={p.ring}
            role="slider"
            tabIndex={0}
            aria-label={t('circle.nodeLabel', {
              name: person.personName,
              ring: p.ring,
              rings,
              marks: markWords ? `, ${markWords}` : '',
            })}
            aria-valuemin={1}
            aria-valuemax={rings}
            aria-valuenow={p.ring}
            aria-valuetext={t('circle.ringWords', { ring: p.ring, rings })}
            onKeyDown={onKey(p.personId, p.ring)}
            onPointerDown={(e) => {
              e.currentTarget.focus();
              svg.current?.setPointerCapture(e.pointerId);
              setDrag({ id: p.personId, ...toSvg(e), moved: false });
            }}
          >
            <circle className="focus-ring" cx={at.x} cy={at.y} r={27} />
            {marks.includes('support') && <circle className="support-ring" cx={at.x} cy={at.y} r={23} />}
            <circle className="node" cx={at.x} cy={at.y} r={19} />
            <text className="node-marks" x={at.x} y={at.y + 5} textAnchor="middle">
              {marks.map((m) => t(`mark.${m}`)).join('')}
            </text>
            <text className="node-name" x={at.x} y={at.y + 36} textAnchor="middle">
              {short(person.personName)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
