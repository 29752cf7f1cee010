// One way to stop waiting: `work`, or the error from `onTimeout` once `ms` have passed.
// The work itself goes on; callers abort it (a signal) or rely on its own vendor timeout.
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
