import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {theme} from '../theme.js';

export interface TextFieldProps {
  readonly label: string;
  readonly defaultValue?: string;
  /** Shown as `*` while typed; the value is never echoed. */
  readonly mask?: boolean;
  readonly placeholder?: string;
  /** Returns an error message for a value that cannot be submitted. */
  readonly validate?: (value: string) => string | undefined;
  readonly onSubmit: (value: string) => void;
  /** @default true */
  readonly isActive?: boolean;
}

/** A labelled one-line input; an invalid value shows its error under it until the next keystroke. */
export function TextField({
  label,
  defaultValue = '',
  mask,
  placeholder,
  validate,
  onSubmit,
  isActive = true,
}: TextFieldProps) {
  const [value, setValue] = useState(defaultValue);
  const [error, setError] = useState<string>();
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{label} </Text>
        <TextInput
          value={value}
          mask={mask ? '*' : undefined}
          placeholder={placeholder}
          focus={isActive}
          onChange={(next) => {
            // A paste arrives as one chunk and may carry its line break: never part of a value.
            setValue(next.replace(/[\r\n]/g, ''));
            setError(undefined);
          }}
          onSubmit={(submitted) => {
            const problem = validate?.(submitted);
            if (problem) setError(problem);
            else onSubmit(submitted);
          }}
        />
      </Box>
      {error ? <Text color={theme.error}>✘ {error}</Text> : null}
    </Box>
  );
}
