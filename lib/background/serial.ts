/**
 * Runs tasks one after another in the order they were asked for, whatever each one awaits: for
 * read-modify-write of one stored thing (the settings object, a draft and its case) where two
 * requests at once must not lose one. A failed task does not stop the ones behind it.
 */
export type Serialiser = <T>(task: () => Promise<T>) => Promise<T>;

export function serialiser(): Serialiser {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}
