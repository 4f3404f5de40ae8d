import type { TextFieldProps } from '@mui/material';
import { CheckedField } from '../form';
import { KEY_NAME_MAX } from '../validation';
import { textLength, trimText } from '../../text/text';

/** A key's name, with its length against the limit counted as the server counts it. */
export function KeyNameField({
  name,
  onName,
  problem,
  hint = '',
  ...props
}: Omit<TextFieldProps, 'value' | 'onChange' | 'helperText'> & {
  name: string;
  onName: (name: string) => void;
  problem: string | null;
  /** Said before the count, e.g. what a good name is. */
  hint?: string;
}) {
  return (
    <CheckedField
      {...props}
      label="Key name"
      value={name}
      onChange={(e) => onName(e.target.value)}
      problem={problem}
      hint={`${hint}${textLength(trimText(name))}/${KEY_NAME_MAX}`}
      required
      fullWidth
      slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
    />
  );
}
