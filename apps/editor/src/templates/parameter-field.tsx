import type { ParameterDraft } from './parameter-values';
import type { TemplateParameter } from './templates-api';

/**
 * One template parameter with its label, help and the message of what is wrong with it:
 * a switch for booleans, a picker for a choice, one value per line for lists, a text box
 * otherwise.
 */
export function ParameterField({
  parameter,
  value,
  error,
  onChange,
}: {
  parameter: TemplateParameter;
  value: ParameterDraft;
  error: string | undefined;
  onChange: (value: ParameterDraft) => void;
}) {
  const id = `param-${parameter.name}`;
  const described = `${id}-help ${id}-error`;
  const label = (
    <span className="field-label">
      {parameter.label}
      {parameter.required && <span aria-hidden="true"> *</span>}
    </span>
  );
  const help = (
    <span className="field-help" id={`${id}-help`}>
      {parameter.help}
      {parameter.type === 'string-list' ? ' One value per line.' : ''}
    </span>
  );
  const problem = error ? (
    <span className="field-error" id={`${id}-error`} role="alert">
      {error}
    </span>
  ) : null;
  if (parameter.type === 'boolean') {
    return (
      <div className="field" data-parameter={parameter.name}>
        <label className="install-check">
          <input
            id={id}
            type="checkbox"
            role="switch"
            checked={value === true}
            aria-describedby={described}
            onChange={(e) => onChange(e.target.checked)}
          />
          {label}
        </label>
        {help}
        {problem}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-parameter={parameter.name}>
      <div className="field-top">
        <label htmlFor={id}>{label}</label>
      </div>
      {parameter.options ? (
        <select
          id={id}
          value={text}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {parameter.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : parameter.type === 'string-list' ? (
        <textarea
          id={id}
          rows={3}
          value={text}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={parameter.type === 'integer' ? 'numeric' : undefined}
          value={text}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          aria-required={parameter.required || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {help}
      {problem}
    </div>
  );
}
