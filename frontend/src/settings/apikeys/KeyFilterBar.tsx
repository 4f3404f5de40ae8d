import { Box, InputAdornment, TextField } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { SORTS, SORT_LABEL, STATUS_FILTERS, STATUS_FILTER_LABEL, type KeyView, type Sort, type StatusFilter } from './keyFilters';

/** Search, status filter and sort for the key list; the parent keeps them in the URL. */
export function KeyFilterBar({ view, onChange }: { view: KeyView; onChange: (view: KeyView) => void }) {
  return (
    <Box
      role="search"
      aria-label="Filter API keys"
      sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr' }, mb: 2 }}
    >
      <TextField
        id="key-search"
        label="Search by name or prefix"
        type="search"
        size="small"
        value={view.q}
        onChange={(e) => onChange({ ...view, q: e.target.value })}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" aria-hidden />
              </InputAdornment>
            ),
          },
          htmlInput: { autoComplete: 'off', spellCheck: false },
        }}
      />
      <TextField
        id="key-status-filter"
        select
        size="small"
        label="Status"
        value={view.status}
        onChange={(e) => onChange({ ...view, status: e.target.value as StatusFilter })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        {STATUS_FILTERS.map((s) => (
          <option key={s} value={s}>
            {STATUS_FILTER_LABEL[s]}
          </option>
        ))}
      </TextField>
      <TextField
        id="key-sort"
        select
        size="small"
        label="Sort by"
        value={view.sort}
        onChange={(e) => onChange({ ...view, sort: e.target.value as Sort })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        {SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABEL[s]}
          </option>
        ))}
      </TextField>
    </Box>
  );
}
