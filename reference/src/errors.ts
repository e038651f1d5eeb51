/**
 * Every error class multiproc throws, in one place, so messages stay consistent and rules can match them.
 * Where Python has a message for the same situation, ours starts with Python's text and then says what to do.
 */

/** Base class of every error that multiproc itself raises (not of errors re-raised from a task). */
export class MultiprocError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

/**
 * A method was called in a state that does not allow it (`start()` twice, `join()` before `start()`, …).
 * @python AssertionError / ValueError raised by multiprocessing.Process
 */
export class ProcessStateError extends MultiprocError {}

/** A wait ran out of time. @python multiprocessing.TimeoutError */
export class TimeoutError extends MultiprocError {}

/** A function passed as a target or task cannot be found by a child process. */
export class TaskReferenceError extends TypeError {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'TaskReferenceError', enumerable: false, configurable: true, writable: true });
  }
}

/** A value cannot be sent to another process. @python pickle.PicklingError */
export class SerializationError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: 'SerializationError', enumerable: false, configurable: true, writable: true });
  }
}
