import { createContext, useContext } from 'react';
import type { NodeIssue } from '../store/flow-types';

/** What every field of one form shares: ids, issues, and how to open the mapping editor. */
export interface FormContextValue {
  /** Prefix for element ids, unique per form. */
  idPrefix: string;
  issues: readonly NodeIssue[];
  readOnly: boolean;
  /** Offers the "fx" switch (a `=` JSONata expression instead of a literal) on top-level fields. */
  allowExpressions: (path: readonly (string | number)[]) => boolean;
  /** Opens the mapping editor for an expression at `path`; absent where there is none. */
  openMapping?: (path: (string | number)[]) => void;
}

const FormContext = createContext<FormContextValue>({
  idPrefix: 'form',
  issues: [],
  readOnly: false,
  allowExpressions: () => false,
});

export const FormContextProvider = FormContext.Provider;

/** The surrounding form's shared settings. */
export function useFormContext(): FormContextValue {
  return useContext(FormContext);
}

/** A DOM id for the control at `path`. */
export function controlId(prefix: string, path: readonly (string | number)[]): string {
  return `${prefix}-${path.join('-') || 'root'}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
