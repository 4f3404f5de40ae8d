import { useRef, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import CopyIcon from '@mui/icons-material/ContentCopy';
import CheckIcon from '@mui/icons-material/Check';
import type { CreatedKey } from './CreateApiKeyDialog';
import { SCOPE_LABEL } from './scope';
import { formatDateTime } from './dates';
import { WORDS } from '../../words';

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

interface Props {
  created: CreatedKey | null;
  /** Called only by "I copied the key"; the parent must drop the secret. */
  onDone: () => void;
}

/**
 * Shows a new key's secret, once. It closes only through "I copied the key":
 * a stray click outside or Escape would lose the key for good.
 */
export function ShownOnceDialog({ created, onDone }: Props) {
  return (
    <Dialog
      open={created !== null}
      onClose={() => {
        /* note: backdrop clicks and Escape are ignored on purpose */
      }}
      fullWidth
      maxWidth="sm"
      aria-labelledby="shown-once-title"
      aria-describedby="shown-once-warning"
    >
      {created && <ShownOnceContent created={created} onDone={onDone} />}
    </Dialog>
  );
}

type CopyState = 'idle' | 'copied' | 'failed';

function ShownOnceContent({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const rotated = created.previousSecretExpiresAt !== undefined;
  const fieldRef = useRef<HTMLTextAreaElement | null>(null);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
      // The person copies by hand next: put them on the selected key.
      fieldRef.current?.focus();
      fieldRef.current?.select();
    }
  };

  return (
    <>
      <DialogTitle id="shown-once-title">{rotated ? 'Copy the new secret' : 'Copy your new API key'}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography>
          {rotated ? 'The new secret for ' : 'Your key '}
          <strong>{created.name}</strong> ({SCOPE_LABEL[created.scope]}) is ready. Store it somewhere safe, such as
          your secrets manager.
          {rotated &&
            (created.previousSecretExpiresAt
              ? ` The previous secret works until ${formatDateTime(created.previousSecretExpiresAt)}: deploy the new one before then.`
              : ' The previous secret has stopped working.')}
        </Typography>
        <Alert severity="warning" id="shown-once-warning">
          This key will not be shown again. If you lose it, delete it and create a new one.
        </Alert>
        <Box
          sx={{
            display: 'flex',
            gap: 1,
            alignItems: 'stretch',
            flexDirection: { xs: 'column', sm: 'row' },
          }}
        >
          {/* note: a read-only field, not a <code>: it takes focus from the keyboard
              and selects the whole key, so copying by hand works when the
              clipboard is blocked. */}
          <TextField
            id="api-key-secret"
            inputRef={fieldRef}
            label="API key"
            value={created.secret}
            multiline
            fullWidth
            onFocus={(e) => e.target.select()}
            onClick={(e) => (e.target as HTMLTextAreaElement).select?.()}
            slotProps={{
              htmlInput: {
                readOnly: true,
                spellCheck: false,
                autoComplete: 'off',
                'data-testid': 'api-key-secret',
                style: { fontFamily: mono, fontSize: 14, wordBreak: 'break-all' },
              },
            }}
            helperText="Read only. Focus it to select the whole key."
          />
          <Button
            variant="outlined"
            onClick={onCopy}
            startIcon={copy === 'copied' ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
            color={copy === 'copied' ? 'success' : 'primary'}
            sx={{ minWidth: 110, alignSelf: { xs: 'stretch', sm: 'flex-start' }, minHeight: 56 }}
          >
            {copy === 'copied' ? WORDS.copied : WORDS.copy}
          </Button>
        </Box>
        <Box role="status" aria-live="polite" sx={{ minHeight: 20 }}>
          {copy === 'copied' && (
            <Typography variant="body2" color="success.main">
              Copied to the clipboard.
            </Typography>
          )}
          {copy === 'failed' && (
            <Typography variant="body2" color="error">
              Copying is blocked in this browser. The key is selected in the field above: press Ctrl+C (⌘C on a
              Mac) to copy it.
            </Typography>
          )}
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onDone}>
          {WORDS.copiedTheKey}
        </Button>
      </DialogActions>
    </>
  );
}
