export { type App, buildApp, registeredRoutes } from './app.js';
export { AuditKey, loadAuditKey } from './audit/audit-key.js';
export { AuditKeyMismatch } from './audit/audit-log.js';
export { type AuditVerification, verifyAuditChain } from './audit/verify.js';
export { type Policy, policies } from './authz/policies.js';
export {
  BackupDamaged,
  type BackupProgress,
  BackupRefused,
  type BackupSummary,
  backupDatabase,
  type RestoreSummary,
  restoreDatabase,
} from './backup/backup.js';
export { ConfigError, loadConfig } from './config.js';
export { type Db, openDatabase } from './db/connect.js';
export { describeSchema } from './db/dialect.js';
export * as repositories from './db/repositories/index.js';
export { latestMigration, migrateToLatest, migrationLevel } from './db/migrate.js';
export type { DemoLogin } from './demo/demo-clinic.js';
export { loadDemoClinic } from './demo/demo-clinic.js';
export { openWorkbench, type RunningServer, startServer, type Workbench } from './workbench.js';
