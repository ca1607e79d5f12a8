/**
 * Compaction as Espruino 2v29 does it (src/jsflash.c jsfBankCompact,
 * jsfCompactInternal, jsfCompactWriteBuffer): starting at the page where the
 * first trash file sits, live files are streamed through a circular swap
 * buffer of at most one page + 32 bytes and written back packed from that
 * page's start. A page is erased when writing first enters it, and never
 * while it is still being read. The pages left behind are erased at the end.
 */
import { HEADER_BYTES, alignUp, fileSize, isRealFile } from './layout';
import type { NorFlash } from './nor-flash';
import { NONE, advance, chainStats, nextPage, openCursor } from './scan';

/** What a volume operation needs besides the flash: Espruino's console. */
export interface VolumeContext {
  flash: NorFlash;
  /** Text Espruino prints on its console (e.g. "Compacting... "). */
  print(text: string): void;
}

/** The circular swap buffer of jsfCompactInternal. */
interface Swap {
  buf: Uint8Array;
  head: number;
  tail: number;
  used: number;
}

/**
 * jsfCompact: compact the area. Returns true if it ran, false when there was
 * no trash ("Already fully compacted") or the swap buffer jammed.
 */
export function compact(ctx: VolumeContext): boolean {
  const stats = chainStats(ctx.flash);
  if (!stats.trashBytes) return false;
  const size = Math.min(stats.fileBytes, ctx.flash.pageBytes + HEADER_BYTES);
  ctx.flash.counters.compactions++;
  return compactFrom(ctx, stats.firstPageWithTrash, { buf: new Uint8Array(size), head: 0, tail: 0, used: 0 });
}

/** memcpy_circular: append bytes at the head, wrapping (and overwriting if over-full, as in C). */
function pushCircular(swap: Swap, data: Uint8Array): void {
  for (let i = 0; i < data.length; i++) {
    swap.buf[swap.head] = data[i];
    swap.head = (swap.head + 1) % swap.buf.length;
  }
  swap.used += data.length;
}

function compactFrom(ctx: VolumeContext, start: number, swap: Swap): boolean {
  const flash = ctx.flash;
  ctx.print('Compacting... ');
  let write = start;
  let lastProgress = 0;
  const { cursor, valid } = openCursor(flash, start);
  if (valid) {
    do {
      if (!isRealFile(cursor.header)) continue;
      pushCircular(swap, flash.read(cursor.addr, HEADER_BYTES));
      let ptr = cursor.addr + HEADER_BYTES;
      write = flush(flash, write, ptr, swap);
      let left = alignUp(fileSize(cursor.header));
      while (left) {
        const s = Math.min(room(swap), left);
        if (s === 0) return false; // "compact> error - no space left!"
        swap.buf.set(flash.read(ptr, s), swap.head);
        left -= s;
        ptr += s;
        swap.used += s;
        swap.head = (swap.head + s) % swap.buf.length;
        write = flush(flash, write, ptr, swap);
      }
      const progress = (cursor.addr - start) >> 14; // a spinner step every 16 KiB
      if (progress !== lastProgress) {
        ctx.print('\x08' + '/-\\|'[progress & 3]);
        lastProgress = progress;
      }
    } while (advance(flash, cursor, true));
  }
  write = flush(flash, write, flash.bytes, swap);
  const scanEnd = cursor.addr === NONE ? flash.bytes : cursor.addr;
  if (write !== start) write = nextPage(flash, write - 1);
  if (write !== NONE) flash.erasePages(write, scanEnd);
  ctx.print('\n');
  return true;
}

/** Contiguous free room at the swap buffer's head. */
function room(swap: Swap): number {
  const size = swap.buf.length;
  let s = size - swap.used;
  if (s > size - swap.head) s = size - swap.head;
  if (swap.tail > swap.head && s > swap.tail - swap.head) s = swap.tail - swap.head;
  return Math.max(s, 0);
}

/**
 * jsfCompactWriteBuffer: write buffered bytes at `write`, never into a page
 * that `readAddr` has not yet left; erase each page as writing enters it.
 * Returns the new write address.
 */
function flush(flash: NorFlash, write: number, readAddr: number, swap: Swap): number {
  const pageEnd = (addr: number): number => {
    const next = nextPage(flash, addr);
    return next === NONE ? flash.bytes : next;
  };
  let nextFlashPage = pageEnd(write);
  while (swap.used > 0) {
    let s = swap.used;
    if (s + swap.tail > swap.buf.length) s = swap.buf.length - swap.tail;
    if (s + write > nextFlashPage) s = nextFlashPage - write;
    if (readAddr < nextFlashPage) return write; // still reading from that page
    if (s <= 0) return write; // nothing can move (area overrun): C would spin here
    if (flash.pageStart(write) === write) flash.erasePage(write);
    flash.program(write, swap.buf.slice(swap.tail, swap.tail + s));
    write += s;
    nextFlashPage = pageEnd(write);
    swap.tail = (swap.tail + s) % swap.buf.length;
    swap.used -= s;
  }
  return write;
}
