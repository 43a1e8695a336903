import { AuthService } from './auth-service.js';
import { CoursesService } from './courses-service.js';
import { EndingService } from './ending-service.js';
import { InitialPhaseService } from './initial-phase-service.js';
import { LinksService } from './links-service.js';
import { MeasuresService } from './measures-service.js';
import { MiddlePhaseService } from './middle-phase-service.js';
import { RiskService } from './risk-service.js';
import type { ServiceDeps } from './deps.js';
import { PatientsService } from './patients-service.js';
import { PeopleService } from './people-service.js';

export interface Services {
  readonly deps: ServiceDeps;
  readonly auth: AuthService;
  readonly patients: PatientsService;
  readonly courses: CoursesService;
  readonly people: PeopleService;
  readonly measures: MeasuresService;
  readonly links: LinksService;
  readonly risk: RiskService;
  readonly initial: InitialPhaseService;
  readonly middle: MiddlePhaseService;
  readonly ending: EndingService;
}

export function createServices(deps: ServiceDeps): Services {
  return {
    deps,
    auth: new AuthService(deps),
    patients: new PatientsService(deps),
    courses: new CoursesService(deps),
    people: new PeopleService(deps),
    measures: new MeasuresService(deps),
    links: new LinksService(deps),
    risk: new RiskService(deps),
    initial: new InitialPhaseService(deps),
    middle: new MiddlePhaseService(deps),
    ending: new EndingService(deps),
  };
}
