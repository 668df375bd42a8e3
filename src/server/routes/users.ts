/**
 * Owners manage the administrator accounts: list them, change a role, disable one. An account is never
 * deleted (the audit logs name it), and the store refuses a change that would leave no enabled owner.
 */
import { z } from 'zod';
import { ok } from '../../result.ts';
import type { Store } from '../../store/store.ts';
import type { Routes } from '../route.ts';

const UserParams = z.strictObject({ username: z.string().min(1).max(100) });

/** The console's forms send strings; API clients send JSON booleans. */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const AccountPatch = z
  .strictObject({ role: z.enum(['owner', 'returning_officer', 'scrutineer']).optional(), disabled: Flag.optional() })
  .refine((p) => p.role !== undefined || p.disabled !== undefined, 'give a role or disabled');

export function userRoutes(routes: Routes, store: Store, clock: () => Date): void {
  routes.add({
    method: 'GET', url: '/api/users', summary: 'The administrator accounts: username, role, disabled (owner only)', access: 'owner',
    handler: async () => ok({ json: { users: await store.accounts() } }),
  });
  routes.add({
    method: 'PATCH', url: '/api/users/:username', summary: 'Change an account\'s role or disable it; the last enabled owner cannot be demoted or disabled (owner only, audited)', access: 'owner',
    params: UserParams, body: AccountPatch,
    handler: async ({ params, body, user }) => {
      const change = { ...(body.role === undefined ? {} : { role: body.role }), ...(body.disabled === undefined ? {} : { disabled: body.disabled }) };
      const r = await store.updateAccount(params.username, change, user?.username ?? '', clock().toISOString());
      return r.ok ? ok({ json: r.value }) : r;
    },
  });
}
