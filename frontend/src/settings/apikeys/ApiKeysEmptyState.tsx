import { Box, Button, Paper, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import KeyIcon from '@mui/icons-material/VpnKeyOutlined';
import { ApiReferenceLink } from '../../docs/ApiReferenceLink';
import { WORDS } from '../../words';

/** Shown when the organisation has no keys: says what keys are for. */
export function ApiKeysEmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 6 }, textAlign: 'center' }} data-testid="api-keys-empty">
      <Box sx={{ color: 'primary.main', mb: 1 }}>
        <KeyIcon fontSize="large" aria-hidden />
      </Box>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
        No API keys yet
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 520, mx: 'auto', mb: 1.5 }}>
        API keys let your applications, scripts and CI pipelines call the Keyward GraphQL API on behalf of your
        organisation, without a person signing in. Send a key in the <code>Authorization: Bearer</code> header. Each
        key expires, and you can delete it at any time.
      </Typography>
      <Typography color="text.secondary" sx={{ maxWidth: 520, mx: 'auto', mb: 3 }}>
        <ApiReferenceLink>Read the API reference</ApiReferenceLink> for examples in curl, Python and Node.
      </Typography>
      <Button variant="contained" startIcon={<AddIcon aria-hidden />} onClick={onCreate}>
        {WORDS.createApiKey}
      </Button>
    </Paper>
  );
}
