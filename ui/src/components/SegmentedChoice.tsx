import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';

/**
 * One choice among a few, as a row of buttons (the theme, the text size, the
 * language, the list's view): Tab reaches the group, the arrow keys move
 * between its buttons, Enter or Space chooses. `onChange` gets the key
 * chosen, for the caller to check it is one of its own.
 */
export function SegmentedChoice<T extends string>({
  value,
  options,
  label,
  onChange,
  name,
  small = false,
  isDisabled = false,
  testId,
  optionAttributes,
}: {
  value: T;
  options: readonly T[];
  label: (option: T) => string;
  onChange: (key: Key | undefined) => void;
  /** Its name: the ID of a label on screen, or words said to screen readers only. */
  name: { labelledBy: string } | { label: string };
  small?: boolean;
  isDisabled?: boolean;
  testId: string;
  /** What a button carries besides its word (a test ID, the language it is written in). */
  optionAttributes?: (option: T) => { 'data-testid'?: string; lang?: string };
}) {
  return (
    <ToggleButtonGroup
      className={small ? 'segmented segmented--small' : 'segmented'}
      {...('labelledBy' in name ? { 'aria-labelledby': name.labelledBy } : { 'aria-label': name.label })}
      isDisabled={isDisabled}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[value]}
      onSelectionChange={(keys) => {
        const [next] = keys;
        onChange(next);
      }}
      data-testid={testId}
    >
      {options.map((option) => (
        <ToggleButton key={option} id={option} className="segmented__option" {...optionAttributes?.(option)}>
          {label(option)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
