import { createContext, useCallback, useContext, useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import { ApiError, errorMessage } from '../api/client';
import { WORDS } from '../words';

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(errorMessage(err), 'INTERNAL');
}

/** A form's own problems, by field: a message, or null/false when the field is fine. */
export type Problems = Record<string, string | null | false>;

/**
 * The one way a form sends: busy while it runs, and the server's error split
 * in two. An error that names one of the form's fields (extensions.field, e.g.
 * DUPLICATE_NAME on "name") belongs under that field, once; anything else
 * (LIMIT_REACHED, a network failure) is the form's error, shown above the fields.
 * `tried` is the one "tried to submit" flag: the form's own checks show from then on.
 */
export function useSubmit<F extends string>(fields: readonly F[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [tried, setTried] = useState(false);

  const isFieldError = error !== null && error.field !== undefined && (fields as readonly string[]).includes(error.field);

  /** Runs the action; returns true when it succeeded. */
  const submit = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setBusy(false);
      return true;
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
      return false;
    }
  }, []);

  /** The server's message for this field, or null. */
  const fieldError = (field: string): string | null =>
    isFieldError && error?.field === field ? error.message : null;

  return {
    busy,
    submit,
    tried,
    setTried,
    fieldError,
    /** One message per field: the form's own check once tried, else the server's. */
    shown: (field: string, problems: Problems): string | null => (tried && problems[field]) || fieldError(field),
    /**
     * Marks the form tried. With a problem it focuses the first field that has
     * one (when focusId names its element) and returns false: nothing is sent.
     */
    check: (problems: Problems, focusId?: (field: string) => string): boolean => {
      setTried(true);
      const firstBad = Object.keys(problems).find((f) => problems[f]);
      if (firstBad === undefined) return true;
      if (focusId) document.getElementById(focusId(firstBad))?.focus();
      return false;
    },
    /** The error that belongs to no field of this form. */
    formError: isFieldError ? null : error,
    /** Editing a field clears the server's complaint about it. */
    clearFieldError: (field: string) => {
      if (isFieldError && error?.field === field) setError(null);
    },
  };
}

/** A form's text values and an onChange per field; onEdit runs after every edit (e.g. to clear the server's complaint). */
export function useValues<T extends Record<string, string>>(initial: T, onEdit?: (field: keyof T & string) => void) {
  const [values, setValues] = useState(initial);
  const set = (field: keyof T & string) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setValues((v) => ({ ...v, [field]: value }));
    onEdit?.(field);
  };
  return { values, setValues, set };
}

/** What a form dialog tells the form inside: the id its title takes, and how to close it. */
const FormDialogContext = createContext<{ titleId: string; onClose: () => void }>({ titleId: '', onClose: () => {} });

/** A dialog that mounts its form only while open, so every opening starts clean. */
export function FormDialog({
  open,
  onClose,
  busy = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  busy?: boolean;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <FormDialogContext.Provider value={{ titleId, onClose }}>{open && children}</FormDialogContext.Provider>
    </Dialog>
  );
}

/** The inside of a form dialog: title, the form's own error, fields, Cancel (closes) and the action. */
export function DialogForm({
  title,
  onSubmit,
  busy,
  submitLabel,
  busyLabel,
  formError,
  intro,
  children,
}: {
  title: string;
  onSubmit: () => void;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  formError: ApiError | null;
  /** What the dialog does, above the form's error and its fields. */
  intro?: ReactNode;
  children: ReactNode;
}) {
  const { titleId, onClose } = useContext(FormDialogContext);
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2.5, pt: '8px !important' }}>
        {intro}
        <FormError error={formError} />
        {children}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onClose} disabled={busy}>
          {WORDS.cancel}
        </Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
      </DialogActions>
    </Box>
  );
}

/** The form-level error (one that names no field of the form). */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert">
      {error.message}
    </Alert>
  );
}

/** A text field whose helper text is its problem when it has one, else its hint. */
export function CheckedField({
  problem,
  hint,
  error,
  ...props
}: Omit<TextFieldProps, 'helperText'> & { problem: string | null | false | undefined; hint?: ReactNode }) {
  return <TextField {...props} error={error ?? Boolean(problem)} helperText={problem || hint} />;
}

/** A password field: hidden text, the form's check or the server's message under it. */
export function PasswordField(props: Omit<TextFieldProps, 'helperText' | 'type'> & { problem: string | null | false; hint?: ReactNode }) {
  return <CheckedField type="password" required {...props} />;
}
