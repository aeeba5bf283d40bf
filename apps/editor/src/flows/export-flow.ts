import type { FlowGraph } from '@paybridge/engine';

/** The file format of exported flows; import accepts it (and a bare graph). */
export interface FlowFile {
  paybridge: 'flow';
  name: string;
  description: string;
  graph: FlowGraph;
}

/** A file name from a flow name: lowercase words joined by dashes. */
export function flowFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'flow'}.flow.json`;
}

/** Offers the flow as a JSON download (no server round trip; secrets are never in a graph). */
export function downloadFlow(file: Omit<FlowFile, 'paybridge'>): void {
  const blob = new Blob([JSON.stringify({ paybridge: 'flow', ...file }, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = flowFileName(file.name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a chosen file as text. */
export function readFile(file: File): Promise<string> {
  return file.text();
}
