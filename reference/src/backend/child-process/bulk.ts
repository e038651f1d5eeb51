/**
 * Large binary values (a Buffer or typed array of BULK_MIN bytes or more) cross between a pool and its workers on
 * a second pipe, not inside the IPC message. Node's IPC channel copies a value's bytes into the serialized message
 * on the way out, and on the way in keeps every 64 KiB read until the message is whole, then copies them into one
 * buffer: a 50 MB Buffer sent through `map` and back held about 4× its size in the parent at the peak. On the bulk
 * pipe the bytes are written straight from the caller's buffer and read straight into one buffer of the exact
 * size, which becomes the value: the parent holds the argument and the result, and little more.
 *
 * The message itself still goes on the IPC channel, serialized here (tags as Node's own IPC serializer writes
 * them, see ChildProcessSerializer in node/lib/internal/child_process/serialization.js) with each large view
 * replaced by a reference to the next frame of the bulk pipe. Frames are numbered by order alone: both sides read
 * the pipe as one stream, and a message that names `bulk` frames waits (see BulkInbox) until that many arrived.
 */
import { constants } from 'node:buffer';
import type { Socket } from 'node:net';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';

/** Views this large or larger go on the bulk pipe. Below, the copies cost less than the extra write and read. */
export const BULK_MIN = 256 * 1024;

/** The bulk pipe's file descriptor in a pool worker (stdio: stdin, stdout, stderr, ipc, bulk). */
export const BULK_FD = 4;

const VIEW = 0;
const NOT_VIEW = 1;
const FRAME = 2;
const HEADER_BYTES = 8;

type View = NodeJS.ArrayBufferView;

// Node's hooks for host objects (views), which its typings leave out.
const Serializer = DefaultSerializer as unknown as new () => DefaultSerializer & { _writeHostObject(object: object): void };
const Deserializer = DefaultDeserializer as unknown as new (bytes: Uint8Array) => DefaultDeserializer & { _readHostObject(): unknown };

/** `value` serialized as Node's IPC would, with each view of BULK_MIN bytes or more taken out as a frame. */
export function serializeBulk(value: unknown): { readonly bytes: Uint8Array; readonly frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  const serializer = new BulkSerializer(frames);
  serializer.writeHeader();
  serializer.writeValue(value);
  return { bytes: serializer.releaseBuffer(), frames };
}

/** What serializeBulk made, with `frames` (in order) put back in place of the references. Throws on bad bytes. */
export function deserializeBulk(bytes: Uint8Array, frames: readonly Uint8Array[]): unknown {
  const deserializer = new BulkDeserializer(bytes, frames);
  deserializer.readHeader();
  const value = deserializer.readValue();
  if (deserializer.next !== frames.length) throw new Error(`${frames.length} bulk frames for ${deserializer.next} references`);
  return value;
}

class BulkSerializer extends Serializer {
  constructor(readonly frames: Uint8Array[]) {
    super();
  }

  override _writeHostObject(object: object): void {
    if (!ArrayBuffer.isView(object)) {
      this.writeUint32(NOT_VIEW);
      this.writeValue({ ...object });
    } else if (object.byteLength < BULK_MIN) {
      this.writeUint32(VIEW);
      super._writeHostObject(object);
    } else {
      // The type goes as an empty view of it; the bytes, untouched, as the next frame.
      this.writeUint32(FRAME);
      super._writeHostObject(emptyLike(object as View));
      this.frames.push(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
    }
  }
}

class BulkDeserializer extends Deserializer {
  next = 0;

  constructor(bytes: Uint8Array, readonly frames: readonly Uint8Array[]) {
    super(bytes);
  }

  override _readHostObject(): unknown {
    const tag = this.readUint32();
    if (tag === NOT_VIEW) return this.readValue();
    const view = super._readHostObject() as View;
    if (tag === VIEW) return view;
    const frame = this.frames[this.next++];
    if (frame === undefined) throw new Error('a bulk reference without its frame');
    return viewOver(view, frame);
  }
}

/**
 * An empty view of the built-in type Node's serializer sends `view` as: a Buffer if its constructor is Buffer,
 * else the type its tag names. Never `view`'s own constructor (as subarray would call): a subclass's may take other
 * arguments, throw, or view the whole buffer.
 */
function emptyLike(view: View): View {
  if (view.constructor === Buffer) return Buffer.from(view.buffer, view.byteOffset, 0);
  const type = (globalThis as unknown as Record<string, unknown>)[Object.prototype.toString.call(view).slice(8, -1)];
  return new (type as new (buffer: ArrayBufferLike, offset: number, length: number) => View)(view.buffer, view.byteOffset, 0);
}

/** A view of `frame`'s bytes of the same type as `empty` (frames start at offset 0, so always aligned). */
function viewOver(empty: View, frame: Uint8Array): View {
  if (Buffer.isBuffer(empty)) return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const ctor = empty.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => View;
  const size = (empty as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  if (frame.byteLength % size !== 0) throw new Error('a bulk frame that does not fit its type');
  return new ctor(frame.buffer, frame.byteOffset, frame.byteLength / size);
}

/** Writes `frames` to the bulk pipe, each after its length; `done` once all left (or the write failed). */
export function writeFrames(pipe: Socket, frames: readonly Uint8Array[], done?: (error?: Error | null) => void): void {
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUIntBE(frame.byteLength, 2, 6);
    header.writeUInt16BE(0, 0);
    pipe.write(header);
    pipe.write(frame, i === frames.length - 1 ? done : undefined);
  }
}

/**
 * Reads the bulk pipe into whole frames, each in a buffer of its own of the exact size, and hands messages on in
 * the order they came once the frames they name have arrived. A message that names no frame, with none waiting
 * before it, goes on at once: one comparison is all an ordinary message pays.
 *
 * The pipe is read straight into place (bulk-read.ts): `target` is where the next read lands (the rest of a frame's
 * header, or the rest of its frame), `filled` says how many bytes it got. A frame is never copied on the way in,
 * and no read goes past the end of a frame, so a read is as large as the bytes waiting (not 64 KiB at a time).
 */
export class BulkInbox<M> {
  readonly #frames: Uint8Array[] = [];
  readonly #held: M[] = [];
  #frame: Uint8Array | undefined;
  #filled = 0;
  #header = Buffer.alloc(HEADER_BYTES);
  #headerFilled = 0;
  /** Set once a header made no sense: from then on the pipe's bytes are read and dropped. */
  #broken = false;

  /**
   * `corrupt`: the pipe carried a header our writer never makes (a task that wrote to fd 4 itself, say). Nothing
   * after it can be framed again, so the worker's remaining messages are never delivered: the caller ends the
   * worker, and its chunks fail as a crash that names the reason, instead of the parent allocating whatever
   * length the bytes claim or throwing from its read callback.
   */
  constructor(readonly deliver: (message: M, frames: readonly Uint8Array[]) => void,
    private readonly corrupt: (reason: string) => void = () => undefined) {}

  /** A message from the IPC channel (any value a raw write could put there: null too). */
  message(message: M): void {
    if (this.#held.length === 0 && (message as Bulky | null)?.bulk === undefined) return this.deliver(message, NO_FRAMES);
    this.#held.push(message);
    this.#release();
  }

  /** Where the next bytes of the pipe go: never empty, never past the frame or header being read. */
  target(): Uint8Array {
    if (this.#broken) return DISCARD;
    return this.#frame === undefined ? this.#header.subarray(this.#headerFilled) : this.#frame.subarray(this.#filled);
  }

  /** `bytes` were read into the last `target`. */
  filled(bytes: number): void {
    if (this.#broken) return;
    if (this.#frame === undefined) {
      this.#headerFilled += bytes;
      if (this.#headerFilled < HEADER_BYTES) return;
      this.#headerFilled = 0;
      const length = this.#header.readUIntBE(2, 6);
      // Not zeroed: every byte is read over before the frame is handed on (a frame cut short is never seen).
      const frame = this.#header.readUInt16BE(0) === 0 && length <= MAX_FRAME_BYTES ? allocate(length) : undefined;
      if (frame === undefined) {
        this.#broken = true;
        this.#held.length = 0;
        this.#frames.length = 0;
        return this.corrupt(`its bulk pipe (fd ${BULK_FD}) carried a malformed frame header (${this.#header.toString('hex')}); ` +
          `fd ${BULK_FD} is multiproc's own: a task must not write to it`);
      }
      this.#frame = frame;
      this.#filled = 0;
    } else this.#filled += bytes;
    // An empty frame is whole at once (a read into an empty target would read as the end of the pipe).
    if (this.#filled < this.#frame.length) return;
    this.#frames.push(this.#frame);
    this.#frame = undefined;
    this.#release();
  }

  /** Bytes from the bulk pipe, read elsewhere (the fallback when the pipe cannot be read in place): copied in. */
  data(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length;) {
      const target = this.target();
      const take = Math.min(target.length, chunk.length - at);
      target.set(chunk.subarray(at, at + take));
      at += take;
      this.filled(take);
    }
  }

  #release(): void {
    while (this.#held.length > 0) {
      const wanted = (this.#held[0] as Bulky).bulk ?? 0;
      if (this.#frames.length < wanted) return;
      this.deliver(this.#held.shift()!, this.#frames.splice(0, wanted));
    }
  }
}

const NO_FRAMES: readonly Uint8Array[] = [];
/** Where the bytes of a pipe that can no longer be framed are read to, and dropped. */
const DISCARD = new Uint8Array(64 * 1024);
/** The largest frame a header may announce: the largest buffer this Node can make. */
const MAX_FRAME_BYTES = constants.MAX_LENGTH;

/** A frame's buffer, or undefined when this process cannot have one that large (a header out of its mind). */
function allocate(length: number): Uint8Array | undefined {
  try {
    return new Uint8Array(Buffer.allocUnsafeSlow(length).buffer);
  } catch {
    return undefined;
  }
}

/** A message that may name frames. */
type Bulky = { readonly bulk?: number };
