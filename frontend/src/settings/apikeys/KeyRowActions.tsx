import { Box, IconButton, Tooltip } from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import RotateIcon from '@mui/icons-material/Autorenew';
import type { ApiKeyRow } from './ApiKeyList';

export interface KeyActions {
  onRotate: (key: ApiKeyRow) => void;
  onEdit: (key: ApiKeyRow) => void;
  onDelete: (key: ApiKeyRow) => void;
}

/** Rotate (working keys only: the server refuses expired and revoked ones), Edit and Delete, each named by the key. */
export function KeyRowActions({ row, onRotate, onEdit, onDelete }: KeyActions & { row: ApiKeyRow }) {
  return (
    <Box sx={{ display: 'inline-flex', whiteSpace: 'nowrap' }}>
      {row.status === 'ACTIVE' && (
        <Tooltip title="Rotate" describeChild>
          <IconButton aria-label={`Rotate API key ${row.name}`} onClick={() => onRotate(row)}>
            <RotateIcon />
          </IconButton>
        </Tooltip>
      )}
      <Tooltip title="Edit" describeChild>
        <IconButton aria-label={`Edit API key ${row.name}`} onClick={() => onEdit(row)}>
          <EditIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Delete" describeChild>
        <IconButton aria-label={`Delete API key ${row.name}`} onClick={() => onDelete(row)}>
          <DeleteIcon />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
