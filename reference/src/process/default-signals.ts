/**
 * Node starts its inspector on SIGUSR1 instead of dying, so a child killed with SIGUSR1 would live on, where
 * Python's children die with exit code -10. Adding and removing a listener gives the signal back its default
 * action (checked on Node 20, which has no --disable-sigusr1 flag).
 */
export function restoreDefaultSignals(): void {
  const ignore = (): void => undefined;
  process.on('SIGUSR1', ignore);
  process.off('SIGUSR1', ignore);
}
