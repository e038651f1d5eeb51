/**
 * Frames on a queue's socket: an 8-byte header (the head's length, then the payload's, both u32 big-endian),
 * the head (a request or response, see wire.ts) and the payload (one V8-serialized item, or nothing). An item
 * travels apart from its head so that a host that cannot read the item (V8 writes some values it cannot read
 * back) still knows which request it came with, and refuses that request alone.
 *
 * The reader trusts nothing: a length past its bound and the peer broke the protocol; the reader stops, so one
 * bad peer costs its own connection and nothing else. It hands over bytes; what they mean is checked by wire.ts.
 */
import type { Socket } from 'node:net';

/** Heads are a few fields of ours and an error message; anything longer is not one. */
export const MAX_HEAD_BYTES = 64 * 1024;

/** The largest item a queue carries, serialized: a length header past it is refused before any byte is buffered. */
export const MAX_ITEM_BYTES = 2 ** 30;

const HEADER_BYTES = 8;

/** The buffers to write for one frame. */
export function encodeFrame(headBytes: Uint8Array, payload?: Uint8Array): readonly Uint8Array[] {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(headBytes.length, 0);
  header.writeUInt32BE(payload?.length ?? 0, 4);
  // One write (one syscall) for the small frames that make up most traffic; large payloads are not copied.
  if (payload === undefined || payload.length < 65_536) return [Buffer.concat(payload ? [header, headBytes, payload] : [header, headBytes])];
  return [Buffer.concat([header, headBytes]), payload];
}

/** Writes an encoded frame; `then` runs once the bytes are handed to the kernel (or the write failed). */
export function sendFrame(socket: Socket, parts: readonly Uint8Array[], then?: (error?: Error | null) => void): void {
  for (let i = 0; i < parts.length - 1; i++) socket.write(parts[i]!);
  socket.write(parts[parts.length - 1]!, then);
}

/** Encodes and writes one frame (see encodeFrame and sendFrame). */
export function writeFrame(socket: Socket, head: Uint8Array, payload?: Uint8Array, then?: (error?: Error | null) => void): void {
  sendFrame(socket, encodeFrame(head, payload), then);
}

export interface FrameHandlers {
  /** A whole frame: its head and its payload (undefined when there is none), as bytes. */
  frame(head: Buffer, payload: Buffer | undefined): void;
  /** The peer broke the framing (`reason` says how): nothing more is read from this connection. */
  bad(reason: string): void;
}

/**
 * Decodes frames from bytes as they arrive. Chunks are kept as they come and joined once per frame, so a 10 MB
 * item costs one copy, not one per 64 KB read.
 */
export class FrameDecoder {
  readonly #chunks: Buffer[] = [];
  #buffered = 0;
  #headBytes = -1;
  #payloadBytes = 0;
  #broken = false;

  constructor(private readonly handlers: FrameHandlers) {}

  push(data: Buffer): void {
    if (this.#broken) return;
    this.#chunks.push(data);
    this.#buffered += data.length;
    while (!this.#broken) {
      if (this.#headBytes < 0) {
        if (this.#buffered < HEADER_BYTES) return;
        const header = this.#take(HEADER_BYTES);
        this.#headBytes = header.readUInt32BE(0);
        this.#payloadBytes = header.readUInt32BE(4);
        if (this.#headBytes === 0 || this.#headBytes > MAX_HEAD_BYTES) {
          return this.#break(`a frame head of ${this.#headBytes} bytes (1 to ${MAX_HEAD_BYTES} allowed)`);
        }
        if (this.#payloadBytes > MAX_ITEM_BYTES) {
          return this.#break(`a frame payload of ${this.#payloadBytes} bytes (at most ${MAX_ITEM_BYTES} allowed)`);
        }
      }
      if (this.#buffered < this.#headBytes + this.#payloadBytes) return;
      const head = this.#take(this.#headBytes);
      const payload = this.#payloadBytes === 0 ? undefined : this.#take(this.#payloadBytes);
      this.#headBytes = -1;
      this.handlers.frame(head, payload);
    }
  }

  /**
   * Delivers nothing more, not even the frames already buffered from the same read: once a peer is found to
   * break the protocol, nothing it sent after that may be acted on.
   */
  stop(): void {
    this.#broken = true;
    this.#chunks.length = 0;
    this.#buffered = 0;
  }

  /** The framing itself is broken: the rest of what this peer sends means nothing any more. */
  #break(reason: string): void {
    this.stop();
    this.handlers.bad(reason);
  }

  #take(n: number): Buffer {
    this.#buffered -= n;
    const chunks = this.#chunks;
    const first = chunks[0]!;
    if (first.length > n) {
      chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (first.length === n) return chunks.shift()!;
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = chunks[0]!;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) chunks.shift();
      else chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}

/** Feeds everything `socket` receives to a FrameDecoder. */
export function readFrames(socket: Socket, handlers: FrameHandlers): FrameDecoder {
  const decoder = new FrameDecoder(handlers);
  socket.on('data', (data: Buffer) => decoder.push(data));
  return decoder;
}
