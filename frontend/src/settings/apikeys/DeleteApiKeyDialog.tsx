import { Typography } from '@mui/material';
import { request } from '../../api/client';
import { DeleteApiKeyMutation } from '../../api/operations';
import { ConfirmDialog } from '../ConfirmDialog';
import type { ApiKeyRow } from './ApiKeyList';
import { WORDS, quoted } from '../../words';

/** Confirms deleting one key by name; the delete takes effect at once. */
export function DeleteApiKeyDialog({
  apiKey,
  onClose,
  onDeleted,
}: {
  apiKey: ApiKeyRow | null;
  onClose: () => void;
  onDeleted: (key: ApiKeyRow) => void;
}) {
  return (
    <ConfirmDialog
      open={apiKey !== null}
      title={apiKey ? `${WORDS.deleteApiKey} ${quoted(apiKey.name)}?` : `${WORDS.deleteApiKey}?`}
      confirmLabel={WORDS.delete}
      onClose={onClose}
      onConfirm={async () => {
        if (!apiKey) return;
        await request(DeleteApiKeyMutation, { id: apiKey.id });
        onDeleted(apiKey);
      }}
    >
      <Typography>
        Applications using <strong>{apiKey?.name}</strong> lose access immediately. This cannot be undone.
      </Typography>
    </ConfirmDialog>
  );
}
