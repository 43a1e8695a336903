import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { CircleRings, Phase } from '@ipt/core';
import { useEffect, useState } from 'react';
import { initialPhaseQuery, patientQuery } from '../api.js';
import { phaseLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { CircleSection } from '../initial/CircleSection.js';
import { ContractSection } from '../initial/ContractSection.js';
import { FactsSection } from '../initial/FactsSection.js';
import { FormulationSection } from '../initial/FormulationSection.js';
import { InitialChecklist, toolName } from '../initial/InitialChecklist.js';
import { InitialPhaseContext, ToolId } from '../initial/initial-context.js';
import { InventorySection } from '../initial/InventorySection.js';
import { ProblemAreaSection } from '../initial/ProblemAreaSection.js';
import { TimelineSection } from '../initial/TimelineSection.js';
import { MovePhaseForm } from '../patient/MovePhaseForm.js';
import { today } from '../today.js';
import { CoursePageHead, courseViewPending } from '../patient/CoursePage.js';
import { usePageTitle } from '../use-page-title.js';
import { currentCourse } from '../patient/current-course.js';

const tools = [
  ToolId.facts,
  ToolId.timeline,
  ToolId.inventory,
  ToolId.circle,
  ToolId.problemArea,
  ToolId.formulation,
  ToolId.contract,
  ToolId.move,
] as const;

/**
 * The initial phase as working tools (DOMAIN §1.2): what the gate still needs, then each tool in the order the first
 * sessions usually take, then the move to the middle phase. One page, so a clinician can move between tools in a
 * session without losing their place; every tool saves on its own.
 */
export function InitialPhasePage() {
  usePageTitle(t('initial.title'));
  const { patientId } = useParams({ from: '/signed-in/patients/$patientId/initial' });
  const { data: detail } = useSuspenseQuery(patientQuery(patientId));
  const course = currentCourse(detail.courses);
  const view = useQuery({ ...initialPhaseQuery(course?.course.id ?? ''), enabled: course !== undefined });
  const [rings, setRings] = useState<number | null>(null);
  const lastSnapshot = view.data?.snapshots.at(-1);

  // Arriving from the patient page's checklist: go to the tool named in the address once it is drawn.
  const ready = view.data !== undefined;
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (ready && id) document.getElementById(id)?.scrollIntoView();
  }, [ready]);

  return (
    <div className="page initial-page">
      <CoursePageHead
        patientId={patientId}
        title={t('initial.title')}
        patientName={detail.patient.displayName}
        intro={t('initial.intro')}
      />
      {courseViewPending(course !== undefined, view, t('initial.failed')) ??
        (!course || !view.data ? null : (
          <InitialPhaseContext.Provider
            value={{
              patient: detail.patient,
              detail: course,
              view: view.data,
              today: today(),
              rings: rings ?? lastSnapshot?.data.rings ?? CircleRings.default,
              setRings,
            }}
          >
            {course.course.phase !== Phase.initial && (
              <p className="notice notice-info">
                {t('initial.notInitial', { phase: phaseLabel(course.course.phase) })}
              </p>
            )}
            <section className="card checklist-card no-print" aria-labelledby="checklist-heading">
              <h2 id="checklist-heading">{t('checklist.heading')}</h2>
              <InitialChecklist items={view.data.checklist} />
              <nav aria-label={t('initial.tools')} className="tool-nav">
                <ul>
                  {tools.map((tool) => (
                    <li key={tool}>
                      <a href={`#${tool}`}>{toolName(tool)}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            </section>
            <FactsSection />
            <TimelineSection />
            <InventorySection />
            <CircleSection />
            <ProblemAreaSection />
            <FormulationSection />
            <ContractSection />
            <section id={ToolId.move} className="tool no-print" aria-labelledby="move-heading">
              <h2 id="move-heading">{toolName(ToolId.move)}</h2>
              {course.course.status === 'active' && <MovePhaseForm detail={course} patientId={patientId} initialOnly />}
            </section>
          </InitialPhaseContext.Provider>
        ))}
    </div>
  );
}
