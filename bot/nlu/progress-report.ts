/** One step of a long NLU job (training, evaluation), for the progress bar of the process that started it. */
export interface ProgressMessage {
  readonly progress: { readonly label: string; readonly done: number; readonly total: number };
}

/**
 * Tells the parent process how far the job has got, when it started this one with an IPC channel
 * (`bankbot train`, `bankbot eval`); run directly, the job says nothing.
 */
export function reportProgress(label: string, done: number, total: number): void {
  const message: ProgressMessage = { progress: { label, done, total } };
  process.send?.(message);
}

export function isProgressMessage(value: unknown): value is ProgressMessage {
  if (typeof value !== 'object' || value === null || !('progress' in value)) return false;
  const progress = (value as { progress: unknown }).progress;
  if (typeof progress !== 'object' || progress === null) return false;
  const { label, done, total } = progress as Record<string, unknown>;
  return typeof label === 'string' && typeof done === 'number' && typeof total === 'number';
}
