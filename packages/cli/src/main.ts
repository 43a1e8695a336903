#!/usr/bin/env node
/** `ipt`: the IPT Workbench command line. */
import { ConfigError } from '@ipt/server';
import { auditVerify } from './commands/audit-verify.js';
import { backup, backupUsage, restore } from './commands/backup.js';
import { migrate } from './commands/migrate.js';
import { score, scoreUsage } from './commands/score.js';
import { seedDemo } from './commands/seed-demo.js';
import { serve } from './commands/serve.js';
import { userAdd } from './commands/user-add.js';
import { CliError, type Io, processIo } from './io.js';

const usage = `Usage: ipt <command> [options]

Commands:
  serve [--demo]        Start the server (PORT, IPT_DATA_DIR, DATABASE_URL). --demo loads the fictional
                        demo clinic into a fresh database and prints its logins.
  migrate               Bring the database to the latest migration.
  seed-demo             Load the fictional demo clinic into a fresh, empty database.
  user add --email E --name N --role R [--organisation O] [--password-stdin]
                        Add a user (roles: admin, supervisor, clinician, facilitator, trainee, patient).
                        Without --password-stdin a random password is generated and printed once.
  audit verify          Check the audit trail's hash chain; exits 1 at the first broken link.
${backupUsage}
${scoreUsage}
`;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'migrate':
        return await migrate(io);
      case 'seed-demo':
        return await seedDemo(io);
      case 'user':
        if (rest[0] !== 'add') throw new CliError(`Unknown command "user ${rest[0] ?? ''}".\n\n${usage}`);
        return await userAdd(rest.slice(1), io);
      case 'audit':
        if (rest[0] !== 'verify') throw new CliError(`Unknown command "audit ${rest[0] ?? ''}".\n\n${usage}`);
        return await auditVerify(io);
      case 'backup':
        return await backup(rest, io);
      case 'restore':
        return await restore(rest, io);
      case 'score':
        return await score(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(usage);
        return 0;
      default:
        throw new CliError(`Unknown command "${command}".\n\n${usage}`);
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await run(process.argv.slice(2), processIo());
