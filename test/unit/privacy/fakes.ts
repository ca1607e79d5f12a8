import type { FileStore } from '../../../sdk/platform/index';
import type { Report } from '../../../sdk/model/index';

/**
 * In-memory Storage with knobs and recorders. Names over 28 characters and
 * empty data are refused, as on Espruino (through the SDK's FileStore rules).
 */
export class FakeStore implements FileStore {
  files: { [name: string]: string } = {};
  /** Knob: refuse every write. */
  refuseWrites = false;
  /** Recorder: names written, in order. */
  writes: string[] = [];
  /** Recorder: names erased, in order. */
  erased: string[] = [];

  read(name: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.files, name) ? this.files[name] : undefined;
  }
  readRange(name: string, offset: number, length: number): string | undefined {
    const f = this.read(name);
    return f === undefined || offset >= f.length ? undefined : f.substr(offset, length);
  }
  write(name: string, data: string): boolean {
    if (this.refuseWrites || name.length === 0 || name.length > 28 || data.length === 0) return false;
    this.files[name] = data;
    this.writes.push(name);
    return true;
  }
  erase(name: string): void {
    delete this.files[name];
    this.erased.push(name);
  }
  list(prefix: string): string[] {
    return Object.keys(this.files).filter((n) => n.startsWith(prefix)).sort();
  }
  free(): number {
    return 1 << 20;
  }
}

/** Collects every report the buffer emits, with its per-field counts; `throwNext` makes the next call throw. */
export class FakeReportSink {
  reports: Report[] = [];
  counts: { [field: string]: number }[] = [];
  throwNext = false;
  readonly onReport = (r: Report, counts: { [field: string]: number }): void => {
    if (this.throwNext) { this.throwNext = false; throw new Error('sink failed'); }
    this.reports.push(r);
    this.counts.push(counts);
  };
}
