/**
 * Length-prefixed frames of V8-serialized values over a Unix socket: 4 bytes big-endian length, then the
 * body. Structured clone keeps the same value rules as task arguments.
 */
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';

/**
 * A value's frame, ready to write: header and body. Throws (v8's DataCloneError) for a value structured
 * clone cannot copy, before anything is written, so a caller can refuse it with nothing half sent.
 */
export function encodeFrame(value: unknown): readonly [header: Buffer, body: Buffer] {
  const body = serialize(value);
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  return [header, body];
}

/** Writes an encoded frame; `then` runs once the bytes are handed to the kernel (or the write failed). */
export function sendFrame(socket: Socket, [header, body]: readonly [Buffer, Buffer], then?: (error?: Error | null) => void): void {
  // One write (one syscall) for the small frames that make up most traffic; large bodies are not copied.
  if (body.length < 65_536) socket.write(Buffer.concat([header, body]), then);
  else {
    socket.write(header);
    socket.write(body, then);
  }
}

/** Encodes and writes one frame (see encodeFrame and sendFrame). */
export function writeFrame(socket: Socket, value: unknown, then?: (error?: Error | null) => void): void {
  sendFrame(socket, encodeFrame(value), then);
}

/**
 * Calls `onFrame` with each decoded value as whole frames arrive. Chunks are kept as they come and joined once
 * per frame, so a 10 MB item costs one copy, not one per 64 KB read.
 */
export function readFrames(socket: Socket, onFrame: (value: unknown) => void): void {
  const chunks: Buffer[] = [];
  let buffered = 0;
  let need = -1;
  const take = (n: number): Buffer => {
    buffered -= n;
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
  };
  socket.on('data', (data: Buffer) => {
    chunks.push(data);
    buffered += data.length;
    for (;;) {
      if (need < 0) {
        if (buffered < 4) return;
        need = take(4).readUInt32BE(0);
      }
      if (buffered < need) return;
      const body = take(need);
      need = -1;
      onFrame(deserialize(body));
    }
  });
}
