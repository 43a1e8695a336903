/**
 * The initial phase as working tools (issue "The initial phase as working tools"): each record is versioned and
 * audited; every rule (dates, duplicates, hints, choice, formulation states, contract, gate) is core's.
 */
import type { InitialPhaseView, InitialRecord } from '@ipt/contract';
import {
  applyFormulationTransition,
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
  type Episode,
  findDuplicatePerson,
  type FormulationState,
  type FormulationStatus,
  initialPhaseChecklist,
  type InventoryEntryFields,
  mergeEntries,
  newFormulation,
  newInventoryEntry,
  NotFound,
  proximalEvents,
  recordProblemAreaChoice,
  RuleViolation,
  StaleVersion,
} from '@ipt/core';
import type { RequestContext } from '../auth/actor.js';
import { AuditAction } from '../audit/audit-log.js';
import { reachableCoursePatient } from '../db/repositories/access-repository.js';
import * as records from '../db/repositories/course-records-repository.js';
import * as courses from '../db/repositories/courses-repository.js';
import { findSchedule } from '../db/repositories/measures-repository.js';
import type { Q } from '../db/repositories/tx.js';
import { updateIfVersion } from '../db/repositories/versioned.js';
import type { CourseRecordTable } from '../db/schema.js';
import { uuidv7 } from '../ids.js';
import { clinicalEvent } from './audit-events.js';
import { CourseRecordStore, toRecord } from './course-record-store.js';
import { type ServiceDeps, todayOf } from './deps.js';
import { type InitialFacts, loadInitialPhase, loadRecords, noFacts, RecordKind } from './initial-phase-facts.js';
import { chartFacts } from './instrument-catalogue.js';
import { scheduleOf } from './measures-service.js';

type ListKind = 'episode' | 'life-event' | 'inventory-entry' | 'circle-snapshot';
type SingletonKind = 'problem-area' | 'formulation' | 'treatment-contract' | 'initial-facts';

/** An inventory entry with every field present: nested groups sent in part are filled from the defaults. */
function completeEntry(
  fields: Partial<InventoryEntryFields> & Pick<InventoryEntryFields, 'personName' | 'relationship'>,
) {
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
  private readonly store: CourseRecordStore;
  constructor(private readonly deps: ServiceDeps) {
    this.store = new CourseRecordStore(deps);
  }

  async view(ctx: RequestContext, courseId: string): Promise<InitialPhaseView> {
    const q = this.deps.db.db;
    const patientId = await reachableCoursePatient(q, ctx.actor, courseId, 'read');
    const course = patientId && (await courses.findCourse(q, ctx.actor.organisationId, courseId));
    if (!patientId || !course) throw new NotFound('Course');
    const s = await loadInitialPhase(q, course);
    await this.deps.audit.record(clinicalEvent(ctx, AuditAction.read, 'InitialPhase', courseId, patientId));
    const rec = (x: { row: CourseRecordTable } | undefined) => (x ? toRecord(x.row) : null);
    let draft: string | null = null;
    if (s.onset !== null && s.problemArea) {
      const person = s.inventory.find((i) => i.value.id === s.problemArea?.value.primary.personId);
      draft = draftFormulation({
        diagnosis: s.facts.diagnosis.trim() || 'depression',
        baseline:
          s.baseline && s.baseline.band !== null && s.baseline.total !== null
            ? {
                instrumentShortName: chartFacts(s.baseline.instrumentId).shortName,
                total: s.baseline.total,
                bandLabel: s.baseline.band,
              }
            : null,
        onset: s.onset,
        linkingPerson: person?.value.personName ?? null,
        problemArea: s.problemArea.value.primary.area,
        plannedSessions: course.plannedSessions,
      });
    }
    return {
      courseId,
      episodes: s.episodes.map((e) => toRecord(e.row)),
      events: s.events.map((e) => toRecord(e.row)),
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
      inventory: s.inventory.map((i) => toRecord(i.row)),
      snapshots: s.snapshots.map((x) => toRecord(x.row)),
      hints: s.hints as unknown as Record<string, unknown>[],
      problemArea: rec(s.problemArea),
      formulation: rec(s.formulation),
      draftFormulation: draft,
      contract: rec(s.contract),
      facts: rec(s.factsRecord),
      checklist: initialPhaseChecklist(s.gateFacts).map((c) => ({
        id: c.id,
        label: c.label,
        done: c.done,
        source: c.source,
      })),
    };
  }

  /** Adds an episode, life event, inventory entry (or merges into one) or circle snapshot. */
  async add(
    ctx: RequestContext,
    courseId: string,
    kind: ListKind,
    input: Record<string, unknown>,
  ): Promise<InitialRecord> {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { course, patientId, dates } = await this.writable(trx, ctx, courseId);
      const s = await loadRecords(trx, course);
      const id = uuidv7();
      let data: Record<string, unknown>;
      switch (kind) {
        case 'episode':
          assertEpisode({ id, ...input } as unknown as Episode, dates);
          assertEpisodes([...s.episodes.map((e) => e.value), { id, ...input } as unknown as Episode]);
          data = input;
          break;
        case 'life-event':
          assertLifeEvent({ id, ...input } as never, dates);
          this.assertPerson(s, input.personId as string | null | undefined, 'personId');
          await this.assertSession(trx, ctx, course.id, input.sessionId as string | null | undefined);
          data = input;
          break;
        case 'inventory-entry': {
          const { mergeInto, ...fields } = input as unknown as { mergeInto?: string } & InventoryEntryFields;
          const entry = completeEntry(fields);
          assertInventoryEntry(entry, dates);
          if (mergeInto) return this.merge(trx, ctx, s, mergeInto, entry, patientId);
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
        case 'circle-snapshot': {
          assertRings(input.rings as number);
          for (const [i, p] of (input.placements as { personId: string }[]).entries()) {
            this.assertPerson(s, p.personId, `placements.${i}.personId`);
          }
          data = { ...input, takenAt: todayOf(this.deps.clock) };
          break;
        }
      }
      return this.store.insert(trx, ctx, course, patientId, kind, id, id, data);
    });
  }

  async update(ctx: RequestContext, recordId: string, kind: ListKind, version: number, patch: Record<string, unknown>) {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const row = await records.findCourseRecord(trx, ctx.actor.organisationId, recordId);
      if (!row || row.kind !== kind) throw new NotFound('Record');
      const { course, patientId, dates } = await this.writable(trx, ctx, row.courseId);
      const s = await loadRecords(trx, course);
      const next = { ...(JSON.parse(row.dataJson) as Record<string, unknown>), ...patch };
      if (kind === 'episode') {
        assertEpisode({ id: row.id, ...next } as unknown as Episode, dates);
        assertEpisodes(
          s.episodes.map((e) => (e.value.id === row.id ? ({ id: row.id, ...next } as unknown as Episode) : e.value)),
        );
      }
      if (kind === 'life-event') {
        assertLifeEvent({ id: row.id, ...next } as never, dates);
        this.assertPerson(s, next.personId as string | null | undefined, 'personId');
        await this.assertSession(trx, ctx, course.id, next.sessionId as string | null | undefined);
      }
      if (kind === 'inventory-entry') {
        const entry = completeEntry(next as unknown as InventoryEntryFields);
        assertInventoryEntry(entry, dates);
        return this.store.save(trx, ctx, row, version, entry, patientId);
      }
      return this.store.save(trx, ctx, row, version, next, patientId);
    });
  }

  async remove(ctx: RequestContext, recordId: string, version: number) {
    await this.deps.db.db.transaction().execute(async (trx) => {
      const row = await records.findCourseRecord(trx, ctx.actor.organisationId, recordId);
      if (!row || ![RecordKind.episode, RecordKind.lifeEvent, RecordKind.inventoryEntry].includes(row.kind as never)) {
        throw new NotFound('Record');
      }
      const { patientId } = await this.writable(trx, ctx, row.courseId);
      const at = this.deps.clock().toISOString();
      const ok = await updateIfVersion(
        trx,
        'courseRecords',
        { organisationId: row.organisationId, id: row.id, version },
        { deletedAt: at },
        at,
      );
      if (!ok) throw new StaleVersion(row.version, toRecord(row));
      await this.store.keep(trx, ctx, row, at);
      await this.deps.audit.inTransaction(trx, [clinicalEvent(ctx, AuditAction.delete, row.kind, row.id, patientId)]);
    });
  }

  /** Writes one of the one-per-course records; If-Match "0" creates it. */
  async put(
    ctx: RequestContext,
    courseId: string,
    kind: SingletonKind,
    version: number,
    input: Record<string, unknown>,
  ) {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { course, patientId } = await this.writable(trx, ctx, courseId);
      const s = await loadInitialPhase(trx, course);
      const existing = await records.findSingleton(trx, ctx.actor.organisationId, courseId, kind);
      let data: unknown;
      switch (kind) {
        case 'problem-area':
          data = recordProblemAreaChoice(input as never, s.hints);
          break;
        case 'formulation': {
          const current = existing ? (JSON.parse(existing.dataJson) as FormulationState) : null;
          if (current) assertFormulationEditable(current.status);
          data = current ? { ...current, text: input.text } : newFormulation(input.text as string);
          break;
        }
        case 'treatment-contract': {
          const choice = s.problemArea?.value;
          if (!choice)
            throw new RuleViolation(
              'Choose the problem area before the contract: the contract names the focus.',
              'focus',
            );
          const schedule = await findSchedule(trx, ctx.actor.organisationId, courseId);
          const draft = draftTreatmentContract({
            plannedSessions: course.plannedSessions,
            startDate: course.startDate,
            schedule: { weekday: course.scheduleWeekday, time: course.scheduleTime },
            primary: choice.primary.area,
            secondary: choice.secondary?.area ?? null,
            focusStatement: choice.rationale,
            measurementSchedule: scheduleOf(course, schedule),
            sessionMinutes: input.sessionMinutes as number,
          });
          const contract = { ...draft, ...input, roles: { ...draft.roles, ...(input.roles as object | undefined) } };
          assertTreatmentContract(contract);
          data = contract;
          break;
        }
        case 'initial-facts': {
          const current = existing ? (JSON.parse(existing.dataJson) as InitialFacts) : noFacts;
          data = { ...current, ...input };
          break;
        }
      }
      const target = { course, patientId };
      return this.store.putSlot(trx, ctx, target, kind, kind, existing, version, data as Record<string, unknown>);
    });
  }

  /** Presents the formulation, or records the patient's answer in their own words. */
  async formulationTransition(
    ctx: RequestContext,
    courseId: string,
    version: number,
    input: { to: FormulationStatus; patientWords?: string | undefined; text?: string | undefined },
  ) {
    return this.deps.db.db.transaction().execute(async (trx) => {
      const { patientId } = await this.writable(trx, ctx, courseId);
      const existing = await records.findSingleton(trx, ctx.actor.organisationId, courseId, RecordKind.formulation);
      if (!existing) throw new RuleViolation('Write the formulation before presenting it.', 'to');
      const state = JSON.parse(existing.dataJson) as FormulationState & { history?: unknown[] };
      const on = todayOf(this.deps.clock);
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
      return this.store.save(trx, ctx, existing, version, { ...next, history }, patientId);
    });
  }

  private writable(q: Q, ctx: RequestContext, courseId: string) {
    return this.store.writable(q, ctx, courseId);
  }

  /** An interval event told at a session (DOMAIN §1.3) names a session of the same course. */
  private async assertSession(q: Q, ctx: RequestContext, courseId: string, sessionId: string | null | undefined) {
    if (!sessionId) return;
    const session = await courses.findSession(q, ctx.actor.organisationId, sessionId);
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
    q: Q,
    ctx: RequestContext,
    s: Awaited<ReturnType<typeof loadRecords>>,
    mergeInto: string,
    entry: InventoryEntryFields,
    patientId: string,
  ) {
    const target = s.inventory.find((i) => i.value.id === mergeInto);
    if (!target) throw new RuleViolation('There is no such inventory entry to merge into.', 'mergeInto');
    const { merged } = mergeEntries(target.value, entry);
    const { id: _id, ...fields } = merged;
    return this.store.save(q, ctx, target.row, target.row.version, fields, patientId);
  }

  private keep(q: Q, ctx: RequestContext, row: CourseRecordTable, at: string) {
    return this.store.keep(q, ctx, row, at);
  }
}
