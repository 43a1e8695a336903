import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Role, roles } from '@ipt/core';
import { openWorkbench } from '@ipt/server';
import { CliError, type Io } from '../io.js';

export async function userAdd(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string', default: 'My clinic' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const { email, name, role, organisation } = values;
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new CliError('Give the user an --email address.');
  if (!name) throw new CliError('Give the user a --name.');
  if (!role || !(roles as readonly string[]).includes(role)) {
    throw new CliError(`Give a --role: one of ${roles.join(', ')}.`);
  }
  let password = values['password-stdin'] ? ((await io.readStdin()).split('\n')[0]?.trim() ?? '') : '';
  const generated = password === '';
  if (generated) password = randomBytes(15).toString('base64url');
  if (password.length < 12) throw new CliError('The password must have at least 12 characters.');

  const wb = await openWorkbench({ env: io.env });
  try {
    const { people } = wb.services;
    const org = (await people.findOrganisationByName(organisation)) ?? (await people.createOrganisation(organisation));
    const user = await people.insert({
      organisationId: org.id,
      email,
      displayName: name,
      role: role as Role,
      password,
    });
    io.out(`Added ${user.role} ${user.email} to ${org.name}.`);
    if (generated) io.out(`Password (shown once): ${password}`);
    return 0;
  } catch (err) {
    if (err instanceof Error && 'field' in err) throw new CliError(err.message);
    throw err;
  } finally {
    await wb.close();
  }
}
