/** Types of cpu-profile-summary.mjs for the TypeScript benchmark that uses it. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
export interface ProfileSummary {
  total: number;
  packages: [string, number][];
  functions: [string, number][];
}
export function packageOf(file: string): string;
export function summarise(
  profiles: CpuProfile | CpuProfile[],
  window?: { fromUs?: number; toUs?: number },
): ProfileSummary;
export function summaryLines(
  summary: ProfileSummary,
  opts?: { top?: number; functions?: number },
): string[];
