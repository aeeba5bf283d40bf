/**
 * Placeholder text area for JSONata until the CodeMirror editor lands; same props.
 */
export function ExpressionEditor({
  id,
  value,
  onChange,
  readOnly,
  placeholder,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  placeholder?: string | undefined;
  describedBy?: string;
  errorPosition?: number | undefined;
}) {
  return (
    <textarea
      id={id}
      className="mono"
      rows={3}
      value={value}
      readOnly={readOnly}
      placeholder={placeholder}
      aria-describedby={describedBy}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
