import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, request } from '../../api/client';
import { UpdateUserRoleMutation } from '../../api/operations';
import type { Role } from '../../gql/graphql';
import { useMe, useSession } from '../../auth/session';
import { roleLabel } from '../roles';
import { withArticle } from '../../words';
import { ChangeOwnRoleDialog } from './ChangeOwnRoleDialog';
import { DemoteAdminDialog, type Demotion } from './DemoteAdminDialog';
import type { UserRow } from './useUsers';

/** Where an Admin who stepped down lands: a page every role may see. */
const AFTER_OWN_DEMOTION = '/settings/account';

/**
 * A role change from the list. Most go straight to the server; two ask first:
 * the Admin's own (it may take their access away) and another Admin's
 * demotion (to offer deleting their keys, offboarding). `dialogs` renders them.
 */
export function useRoleChange({ onNotice, reload }: { onNotice: (notice: string) => void; reload: () => Promise<void> }) {
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [ownRole, setOwnRole] = useState<Role | null>(null);
  const [demoting, setDemoting] = useState<Demotion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  // note: any role change may be the signed-in Admin's own (or race with
  // another Admin's), so who-am-I is reloaded at once and the header, tabs
  // and guards follow it.
  const refreshAll = async () => {
    await refresh();
    await reload();
  };

  const changeRole = async (user: UserRow, role: Role) => {
    setError(null);
    setPending(user.id);
    try {
      await request(UpdateUserRoleMutation, { id: user.id, role });
      onNotice(`${user.name} is now ${withArticle(roleLabel(role))}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(null);
      await refreshAll();
    }
  };

  const onRoleChange = (user: UserRow, role: Role) => {
    if (user.id === me.id && role !== me.role) {
      setOwnRole(role);
      return;
    }
    if (user.role === 'ADMIN' && role !== 'ADMIN') {
      setDemoting({ user, role });
      return;
    }
    void changeRole(user, role);
  };

  /** Throws on failure, so the confirmation shows the server's reason (e.g. the last Admin). */
  const changeOwnRole = async (role: Role) => {
    await request(UpdateUserRoleMutation, { id: me.id, role });
    setOwnRole(null);
    await refresh();
    if (role !== 'ADMIN') {
      navigate(AFTER_OWN_DEMOTION, {
        replace: true,
        state: { notice: `You are now ${withArticle(roleLabel(role))}. API keys and users are managed by Admins.` },
      });
    }
  };

  const dialogs = (
    <>
      <DemoteAdminDialog
        demoting={demoting}
        onClose={() => setDemoting(null)}
        onDemoted={async ({ user, role }, keysDeleted) => {
          onNotice(
            `${user.name} is now ${withArticle(roleLabel(role))}${keysDeleted ? '; the API keys they created are deleted' : ''}.`,
          );
          setDemoting(null);
          await refreshAll();
        }}
      />
      <ChangeOwnRoleDialog role={ownRole} onClose={() => setOwnRole(null)} onConfirm={changeOwnRole} />
    </>
  );

  return { pending, error, clearError: () => setError(null), onRoleChange, dialogs };
}
