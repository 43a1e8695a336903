/**
 * The initial phase as working tools (issue "The initial phase as working tools"): each record is versioned and
 * audited; every rule (dates, duplicates, hints, choice, formulation states, contract, gate) is core's.
 */
import {
  type CourseRecordKind,
  type CourseRecordOf,
  CreateCircleSnapshotRequest,
  CreateInventoryEntryRequest,
  type DeepReadonly,
  EpisodeData,
  type EpisodeFields,
  FormulationRequest,
  InitialFactsRequest,
  type InitialPhaseView,
  LifeEventData,
  type LifeEventFields,
  ProblemAreaChoiceRequest,
  TreatmentContractRequest,
  type UpdateInventoryEntryRequest,
} from '@ipt/contract';
import type { z } from 'zod';
import {
  applyFormulationTransition,
  assertChoicePeople,
  assertEpisode,
  assertEpisodes,
  assertFormulationEditable,
  assertInventoryEntry,
  assertLifeEvent,
  assertRings,
  assertTreatmentContract,
  Conflict,
  draftFormulation,
  draftTreatmentContract,
  findDuplicatePerson,
  type FormulationStatus,
  formulationSeverityInstruments,
  initialPhaseChecklist,
  type InventoryEntryFields,
  mergeEntries,
  mergeProblemAreaChoice,
  newFormulation,
  newInventoryEntry,
  NotFound,
  onsetLinkedEvent,
  proximalEvents,
  recordProblemAreaChoice,
  RuleViolation,
  StaleVersion,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import * as records from '../db/repositories/course-records-repository.js';
import type { AnyRecordData } from '../db/repositories/course-records-repository.js';
import { findSchedule, listAdministrations } from '../db/repositories/measures-repository.js';
import { uuidv7 } from '../ids.js';
import { insertRecord, keepRecord, putSlot, recordDates, saveRecord } from './course-record-store.js';
import type { ServiceDeps } from './deps.js';
import { loadInitialPhase, loadRecords, noFacts, RecordKind } from './initial-phase-facts.js';
import { chartFacts } from './instrument-catalogue.js';
import { scheduleOf } from './measures-service.js';
import { Pipeline, type Work } from './pipeline.js';

type ListKind = 'episode' | 'life-event' | 'inventory-entry' | 'circle-snapshot';
type EditableKind = 'episode' | 'life-event' | 'inventory-entry';
type SingletonKind = 'problem-area' | 'formulation' | 'treatment-contract' | 'initial-facts';
/** Only timeline and inventory records are removed (soft, audited); the rest are changed or superseded. */
const removable: readonly CourseRecordKind[] = ['episode', 'life-event', 'inventory-entry'];

/** What each kind's create, update and put requests carry (the route's parsed body). */
interface AddInput {
  readonly episode: z.output<typeof EpisodeFields>;
  readonly 'life-event': z.output<typeof LifeEventFields>;
  readonly 'inventory-entry': z.output<typeof CreateInventoryEntryRequest>;
  readonly 'circle-snapshot': z.output<typeof CreateCircleSnapshotRequest>;
}
interface UpdateInput {
  readonly episode: Partial<z.output<typeof EpisodeFields>>;
  readonly 'life-event': Partial<z.output<typeof LifeEventFields>>;
  readonly 'inventory-entry': z.output<typeof UpdateInventoryEntryRequest>;
}
interface PutInput {
  readonly 'problem-area': z.output<typeof ProblemAreaChoiceRequest>;
  readonly formulation: z.output<typeof FormulationRequest>;
  readonly 'treatment-contract': z.output<typeof TreatmentContractRequest>;
  readonly 'initial-facts': z.output<typeof InitialFactsRequest>;
}

/** The record as the kind the caller asked for: a slot or an id holds one kind only. */
function recordOf<K extends CourseRecordKind>(kind: K, r: CourseRecordOf<CourseRecordKind>): CourseRecordOf<K> {
  const isOf = (x: CourseRecordOf<CourseRecordKind>): x is CourseRecordOf<K> => x.kind === kind;
  if (!isOf(r)) throw new Error(`Record ${r.id} is a ${r.kind}, not a ${kind}.`);
  return r;
}

/** An inventory entry with every field present: nested groups sent in part are filled from the defaults. */
type Nested = 'conflict' | 'expectations' | 'changedNearOnset';
type EntryInput = Omit<Partial<InventoryEntryFields>, Nested> &
  Pick<InventoryEntryFields, 'personName' | 'relationship'> & {
    readonly [N in Nested]?: Partial<InventoryEntryFields[N]>;
  };

function completeEntry(fields: EntryInput): InventoryEntryFields {
  const base = newInventoryEntry(fields.personName, fields.relationship);
  return {
    ...base,
    ...fields,
    conflict: { ...base.conflict, ...fields.conflict },
    expectations: { ...base.expectations, ...fields.expectations },
    changedNearOnset: { ...base.changedNearOnset, ...fields.changedNearOnset },
  };
}

export class InitialPhaseService {
  private readonly pipeline: Pipeline;
  constructor(deps: ServiceDeps) {
    this.pipeline = new Pipeline(deps);
  }

  view(ctx: RequestContext, courseId: string): Promise<DeepReadonly<InitialPhaseView>> {
    return this.pipeline.read(ctx, async (w) => {
      const { course, patientId } = await w.course(courseId);
      const [s, administrations] = await Promise.all([
        loadInitialPhase(w.q, course),
        listAdministrations(w.q, w.organisationId, [course.id]),
      ]);
      w.audit(AuditAction.read, 'InitialPhase', courseId, patientId);
      let draft: string | null = null;
      if (s.onset !== null && s.problemArea) {
        const primary = s.problemArea.value.primary;
        const person = s.inventory.find((i) => i.value.id === primary.personId);
        // The first depression-severity score that could be scored (DOMAIN §1.2, §7.2), and the timeline event
        // linked to the onset (DOMAIN §2.4, §4.1).
        const baseline = administrations.find(
          (a) =>
            formulationSeverityInstruments.includes(a.instrumentId) &&
            a.scorable === 1 &&
            a.total !== null &&
            a.band !== null,
        );
        const onsetEvent = onsetLinkedEvent({
          events: s.events.map((e) => e.value),
          onset: s.onset,
          problemArea: primary.area,
          personId: primary.personId ?? null,
        });
        draft = draftFormulation({
          diagnosis: s.facts.diagnosis.trim() || 'depression',
          baseline:
            baseline && baseline.band !== null && baseline.total !== null
              ? {
                  instrumentId: baseline.instrumentId,
                  instrumentShortName: chartFacts(baseline.instrumentId).shortName,
                  total: baseline.total,
                  bandLabel: baseline.band,
                }
              : null,
          onset: s.onset,
          onsetEvent,
          linkingPerson: person?.value.personName ?? null,
          problemArea: primary.area,
          plannedSessions: course.plannedSessions,
        });
      }
      return {
        courseId,
        episodes: s.episodes.map((e) => e.row.record),
        events: s.events.map((e) => e.row.record),
        proximal:
          s.onset === null
            ? []
            : proximalEvents(
                s.events.map((e) => e.value),
                s.onset,
              ).map((p) => ({
                eventId: p.event.id,
                proximal: p.proximal,
                daysFromOnset: p.daysFromOnset,
              })),
        inventory: s.inventory.map((i) => i.row.record),
        snapshots: s.snapshots.map((x) => x.row.record),
        hints: s.hints,
        problemArea: s.problemArea?.row.record ?? null,
        formulation: s.formulation?.row.record ?? null,
        draftFormulation: draft,
        contract: s.contract?.row.record ?? null,
        facts: s.factsRecord?.row.record ?? null,
        checklist: initialPhaseChecklist(s.gateFacts).map((c) => ({
          id: c.id,
          label: c.label,
          done: c.done,
          source: c.source,
        })),
      };
    });
  }

  /** Adds an episode, life event, inventory entry (or merges into one) or circle snapshot. */
  add<K extends ListKind>(
    ctx: RequestContext,
    courseId: string,
    kind: K,
    input: AddInput[K],
  ): Promise<CourseRecordOf<K>> {
    return this.pipeline.write(ctx, async (w) => {
      const target = await w.course(courseId);
      const dates = await recordDates(w, target.patientId);
      const s = await loadRecords(w.q, target.course);
      const id = uuidv7();
      let data: AnyRecordData;
      switch (kind) {
        case 'episode': {
          const episode = EpisodeData.parse(input);
          assertEpisode({ ...episode, id }, dates);
          assertEpisodes([...s.episodes.map((e) => e.value), { ...episode, id }]);
          data = episode;
          break;
        }
        case 'life-event': {
          const event = LifeEventData.parse(input);
          assertLifeEvent({ ...event, id }, dates);
          this.assertPerson(s, event.personId, 'personId');
          await this.assertSession(w, courseId, event.sessionId);
          data = event;
          break;
        }
        case 'inventory-entry': {
          const { mergeInto, ...fields } = CreateInventoryEntryRequest.parse(input);
          const entry = completeEntry(fields);
          assertInventoryEntry(entry, dates);
          if (mergeInto) return recordOf(kind, await this.merge(w, s, mergeInto, entry, target.patientId));
          const dup = findDuplicatePerson(
            s.inventory.map((i) => i.value),
            entry.personName,
          );
          if (dup) {
            throw new Conflict(
              `${dup.entry.personName} is already in the inventory. Merge this into that entry (mergeInto: ${dup.entry.id}), or use another name.`,
              'personName',
            );
          }
          data = entry;
          break;
        }
        default: {
          const snapshot = CreateCircleSnapshotRequest.parse(input);
          assertRings(snapshot.rings);
          for (const [i, p] of snapshot.placements.entries()) {
            this.assertPerson(s, p.personId, `placements.${i}.personId`);
          }
          data = { ...snapshot, takenAt: w.today };
        }
      }
      return recordOf(kind, await insertRecord(w, target, kind, id, id, data));
    });
  }

  update<K extends EditableKind>(
    ctx: RequestContext,
    recordId: string,
    kind: K,
    version: number,
    patch: UpdateInput[K],
  ): Promise<CourseRecordOf<K>> {
    return this.pipeline.write(ctx, async (w) => {
      const found = await w.record(recordId);
      const row = records.isKind(kind)(found.row) ? found.row : undefined;
      if (!row) throw new NotFound('Record');
      const { course, patientId } = found;
      const dates = await recordDates(w, patientId);
      const s = await loadRecords(w.q, course);
      const next = { ...row.record.data, ...patch };
      let data: AnyRecordData;
      switch (kind) {
        case 'episode': {
          const episode = { ...EpisodeData.parse(next), id: row.id };
          assertEpisode(episode, dates);
          assertEpisodes(s.episodes.map((e) => (e.value.id === row.id ? episode : e.value)));
          const { id: _id, ...fields } = episode;
          data = fields;
          break;
        }
        case 'life-event': {
          const event = LifeEventData.parse(next);
          assertLifeEvent({ ...event, id: row.id }, dates);
          this.assertPerson(s, event.personId, 'personId');
          await this.assertSession(w, course.id, event.sessionId);
          data = event;
          break;
        }
        default: {
          const entry = completeEntry(CreateInventoryEntryRequest.omit({ mergeInto: true }).parse(next));
          assertInventoryEntry(entry, dates);
          data = entry;
        }
      }
      return recordOf(kind, await saveRecord(w, row, version, data, patientId));
    });
  }

  /** Removes a timeline or inventory record (soft): the removed version is kept, and the removal audited. */
  remove(ctx: RequestContext, recordId: string, version: number): Promise<void> {
    return this.pipeline.write(ctx, async (w) => {
      const { row, patientId } = await w.record(recordId);
      if (!removable.some((kind) => kind === row.record.kind)) throw new NotFound('Record');
      const ok = await records.deleteCourseRecord(w.q, row, version, w.at);
      if (!ok) throw new StaleVersion(row.version, row.record);
      await keepRecord(w, row);
      w.audit(AuditAction.delete, row.record.kind, row.id, patientId);
    });
  }

  /** Writes one of the one-per-course records; If-Match "0" creates it. */
  put<K extends SingletonKind>(
    ctx: RequestContext,
    courseId: string,
    kind: K,
    version: number,
    input: PutInput[K],
  ): Promise<CourseRecordOf<K>> {
    return this.pipeline.write(ctx, async (w) => {
      const target = await w.course(courseId);
      const { course } = target;
      const s = await loadInitialPhase(w.q, course);
      const found = await records.findSingleton(w.q, w.organisationId, courseId, kind);
      const existing = found && records.isKind(kind)(found) ? found : undefined;
      let data: AnyRecordData;
      switch (kind) {
        case 'problem-area': {
          // Merged with the choice kept, not rebuilt from the request alone: what a form does not show (the
          // person of a secondary dispute linked elsewhere) is never dropped by saving it.
          const choice = mergeProblemAreaChoice(s.problemArea?.row.record.data, ProblemAreaChoiceRequest.parse(input));
          assertChoicePeople(
            choice,
            s.inventory.map((i) => i.value.id),
          );
          data = recordProblemAreaChoice(choice, s.hints);
          break;
        }
        case 'formulation': {
          const { text } = FormulationRequest.parse(input);
          // The stored record's data, not its value (which carries the record's id beside its fields).
          const current = s.formulation?.row.record.data;
          if (current) assertFormulationEditable(current.status);
          data = current ? { ...current, text } : newFormulation(text);
          break;
        }
        case 'treatment-contract': {
          const request = TreatmentContractRequest.parse(input);
          const choice = s.problemArea?.value;
          if (!choice)
            throw new RuleViolation(
              'Choose the problem area before the contract: the contract names the focus.',
              'focus',
            );
          const schedule = await findSchedule(w.q, w.organisationId, courseId);
          const draft = draftTreatmentContract({
            plannedSessions: course.plannedSessions,
            startDate: course.startDate,
            schedule: { weekday: course.scheduleWeekday, time: course.scheduleTime },
            primary: choice.primary.area,
            secondary: choice.secondary?.area ?? null,
            focusStatement: choice.rationale,
            measurementSchedule: scheduleOf(course, schedule),
            sessionMinutes: request.sessionMinutes,
          });
          // The parts the parties agreed are merged with the contract kept: an optional part the request leaves out
          // (the roles, attendance, medication, joint sessions) stays as agreed rather than falling back to the
          // draft. What follows from the course and the choice (sessions, dates, focus, measures) is the draft's.
          const kept = s.contract?.row.record.data;
          const agreed = kept && {
            roles: kept.roles,
            attendance: kept.attendance,
            medicationPlan: kept.medicationPlan,
            jointSessions: kept.jointSessions,
          };
          const contract = {
            ...draft,
            ...agreed,
            ...request,
            roles: { ...draft.roles, ...agreed?.roles, ...request.roles },
          };
          assertTreatmentContract(contract);
          data = contract;
          break;
        }
        default:
          data = { ...(s.factsRecord?.row.record.data ?? noFacts), ...InitialFactsRequest.parse(input) };
      }
      return recordOf(kind, await putSlot(w, target, kind, kind, existing, version, data));
    });
  }

  /** Presents the formulation, or records the patient's answer in their own words. */
  formulationTransition(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: { to: FormulationStatus; patientWords?: string | undefined; text?: string | undefined },
  ): Promise<CourseRecordOf<'formulation'>> {
    return this.pipeline.write(ctx, async (w) => {
      const { patientId } = await w.course(courseId);
      const kind = RecordKind.formulation;
      const existing = await records.findSingletonOf(w.q, w.organisationId, courseId, kind, kind);
      if (!existing) throw new RuleViolation('Write the formulation before presenting it.', 'to');
      const state = existing.record.data;
      const on = w.today;
      const next = applyFormulationTransition(state, {
        to: input.to,
        on,
        patientWords: input.patientWords ?? null,
        ...(input.text !== undefined && { text: input.text }),
      });
      // Each step of the formulation (presented, agreed, revised, declined) stays visible with the patient's words.
      const history = [
        ...(state.history ?? []),
        { status: next.status, on, patientWords: next.patientWords, by: ctx.actor.displayName },
      ];
      return saveRecord(w, existing, version, { ...next, history }, patientId);
    });
  }

  /** An interval event told at a session (DOMAIN §1.3) names a session of the same course. */
  private async assertSession(w: Work, courseId: string, sessionId: string | null | undefined) {
    if (!sessionId) return;
    const session = await w.session(sessionId).then(
      (reached) => reached.session,
      (err: unknown) => {
        if (err instanceof NotFound) return undefined;
        throw err;
      },
    );
    if (session?.courseId !== courseId) throw new RuleViolation('No such session in this course.', 'sessionId');
  }

  private assertPerson(
    s: { inventory: { value: { id: string } }[] },
    personId: string | null | undefined,
    field: string,
  ) {
    if (personId && !s.inventory.some((i) => i.value.id === personId)) {
      throw new RuleViolation('That person is not in the interpersonal inventory of this course.', field);
    }
  }

  private async merge(
    w: Work,
    s: Awaited<ReturnType<typeof loadRecords>>,
    mergeInto: string,
    entry: InventoryEntryFields,
    patientId: string,
  ) {
    const target = s.inventory.find((i) => i.value.id === mergeInto);
    if (!target) throw new RuleViolation('There is no such inventory entry to merge into.', 'mergeInto');
    const { merged } = mergeEntries(target.value, entry);
    const { id: _id, ...fields } = merged;
    return saveRecord(w, target.row, target.row.version, fields, patientId);
  }
}
