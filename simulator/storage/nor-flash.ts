/**
 * A NOR flash array: erased bytes read 0xFF, programming can only clear bits
 * (the new value is ANDed into the old one), and only a whole page can be set
 * back to 0xFF. Every program and erase is counted, and a power cut can be
 * armed to stop the array after a number of programmed bytes.
 */
import { PowerCutSignal } from './errors';

/** Value of an erased flash byte. */
export const ERASED = 0xff;

/** Wear and accounting counters, all monotonically increasing. */
export interface StorageCounters {
  /** Page erases, compaction and eraseAll included. */
  pageErases: number;
  /** Bytes handed to the program operation (alignment padding included). */
  bytesProgrammed: number;
  /** Names Espruino would silently truncate (one per call that truncated). */
  truncatedNames: number;
  /** Compactions that ran (automatic ones included). */
  compactions: number;
}

/** The flash array under a FlashStorage. Addresses are offsets into the image. */
export class NorFlash {
  /** The raw image. Read it freely; write it only through program/erase. */
  readonly image: Uint8Array;
  /** Bytes per erase page. */
  readonly pageBytes: number;
  /** Counters shared with the FlashStorage that owns this array. */
  readonly counters: StorageCounters = { pageErases: 0, bytesProgrammed: 0, truncatedNames: 0, compactions: 0 };
  private frozenFlag = false;
  /** Bytes left before an armed tear cuts the power; Infinity when unarmed. */
  private tearBudget = Infinity;
  private opName = '';
  private opProgrammed = 0;

  constructor(image: Uint8Array, pageBytes: number) {
    this.image = image;
    this.pageBytes = pageBytes;
  }

  /** Total bytes in the array. */
  get bytes(): number {
    return this.image.length;
  }

  /** True once the power was cut: the image never changes again. */
  get frozen(): boolean {
    return this.frozenFlag;
  }

  /** Stop all further changes to the image. Idempotent. */
  freeze(): void {
    this.frozenFlag = true;
  }

  /** Start an API operation; `tearAfterBytes` arms a cut after that many programmed bytes. */
  beginOp(name: string, tearAfterBytes?: number): void {
    this.opName = name;
    this.opProgrammed = 0;
    this.tearBudget = tearAfterBytes === undefined ? Infinity : tearAfterBytes;
  }

  /**
   * End an API operation. If a tear was armed and the operation programmed
   * fewer bytes than allowed, the power still goes: freeze and throw.
   */
  endOp(): void {
    const armed = this.tearBudget !== Infinity;
    this.tearBudget = Infinity;
    if (armed) this.cut();
  }

  /** Freeze and throw a {@link PowerCutSignal} naming the current operation. */
  cut(): never {
    this.freeze();
    this.tearBudget = Infinity;
    throw new PowerCutSignal(this.opName, this.opProgrammed);
  }

  /** Copy `length` bytes starting at `addr` (reads past the end return 0xFF, as unmapped flash). */
  read(addr: number, length: number): Uint8Array {
    const out = new Uint8Array(length).fill(ERASED);
    const end = Math.min(addr + length, this.image.length);
    if (addr < end) out.set(this.image.subarray(addr, end), 0);
    return out;
  }

  /** Little-endian 32-bit word at `addr`. */
  word(addr: number): number {
    const b = this.image;
    return (b[addr] | (b[addr + 1] << 8) | (b[addr + 2] << 16) | (b[addr + 3] << 24)) >>> 0;
  }

  /** Start address of the page containing `addr`. */
  pageStart(addr: number): number {
    return addr - (addr % this.pageBytes);
  }

  /**
   * Program `data` at `addr`: each byte becomes old AND new, as NOR flash can
   * only clear bits. An armed tear programs only the bytes left in its budget.
   */
  program(addr: number, data: Uint8Array): void {
    if (this.frozenFlag) return;
    if (this.tearBudget <= 0) this.cut();
    const n = Math.min(data.length, this.tearBudget);
    for (let i = 0; i < n; i++) this.image[addr + i] &= data[i];
    this.counters.bytesProgrammed += n;
    this.opProgrammed += n;
    if (this.tearBudget !== Infinity) this.tearBudget -= n;
    if (n < data.length) this.cut();
  }

  /** Erase the page containing `addr` back to 0xFF. A spent tear budget cuts first. */
  erasePage(addr: number): void {
    if (this.frozenFlag) return;
    if (this.tearBudget <= 0) this.cut();
    const start = this.pageStart(addr);
    this.image.fill(ERASED, start, start + this.pageBytes);
    this.counters.pageErases++;
  }

  /** jshFlashErasePages: erase every page from the one holding `start` up to (not including) `end`. */
  erasePages(start: number, end: number): void {
    for (let page = this.pageStart(start); page < end && page < this.bytes; page += this.pageBytes) {
      this.erasePage(page);
    }
  }
}
