import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Random access to a file's bytes; the ELF reader reads only the headers and sections it needs. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset`, or null when the range lies past the end. */
  read(offset: number, length: number): Buffer | null;
}

/** A ByteSource over a Buffer (tests, small files). */
export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > buffer.length) return null;
      return buffer.subarray(offset, offset + length);
    },
  };
}

/** Opens a file for random reads; call close() when done. A 70 MB library is never read whole. */
export function fileSource(path: string): ByteSource & { close(): void } {
  // Without blocking: a FIFO with no writer would hang the open; it is refused below like any non-file.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    // A folder opens on Linux and fails only at the first read, as EISDIR with a stack.
    closeSync(fd);
    throw new Error(stat.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file');
  }
  const size = stat.size;
  return {
    size,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) return null;
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, offset + done);
        if (n === 0) return null;
        done += n;
      }
      return buffer;
    },
    close() {
      closeSync(fd);
    },
  };
}
