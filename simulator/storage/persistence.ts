/**
 * Keeping a simulated device's flash across runs: `flash.bin` is the raw image
 * (like the Linux build's ./espruino.flash) and `flash.json` records its
 * geometry so a mismatched board is refused instead of misread.
 */
import * as fs from 'fs';
import * as path from 'path';

/** File holding the raw image. */
export const IMAGE_FILE = 'flash.bin';
/** File holding the image's geometry. */
export const GEOMETRY_FILE = 'flash.json';

/** Contents of flash.json. */
export interface FlashGeometry {
  bytes: number;
  pageBytes: number;
}

/** Write `data` to `file` via a temporary file and a rename, so a killed run never leaves half a file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Save the image and its geometry into `dir`, creating it if needed. */
export function saveImage(dir: string, image: Uint8Array, pageBytes: number): void {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, IMAGE_FILE), image);
  const geometry: FlashGeometry = { bytes: image.length, pageBytes };
  writeAtomically(path.join(dir, GEOMETRY_FILE), JSON.stringify(geometry, null, 2) + '\n');
}

function readGeometry(file: string): FlashGeometry | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const g = parsed as Partial<FlashGeometry> | null;
  if (!g || typeof g.bytes !== 'number' || typeof g.pageBytes !== 'number') {
    throw new Error(`${file} must hold {"bytes": number, "pageBytes": number}`);
  }
  return { bytes: g.bytes, pageBytes: g.pageBytes };
}

/**
 * Load `dir`/flash.bin for a board with the given geometry, or undefined
 * when there is none yet (a fresh, erased device).
 * @throws Error naming the file when its size or recorded geometry differs from the board's
 */
export function loadImage(dir: string, board: FlashGeometry): Uint8Array | undefined {
  const imageFile = path.join(dir, IMAGE_FILE);
  const geometryFile = path.join(dir, GEOMETRY_FILE);
  const geometry = readGeometry(geometryFile);
  if (geometry && (geometry.bytes !== board.bytes || geometry.pageBytes !== board.pageBytes)) {
    throw new Error(`${geometryFile} describes ${geometry.bytes} bytes in ${geometry.pageBytes}-byte pages, ` +
      `but the board's Storage is ${board.bytes} bytes in ${board.pageBytes}-byte pages`);
  }
  if (!fs.existsSync(imageFile)) return undefined;
  const image = new Uint8Array(fs.readFileSync(imageFile));
  if (image.length !== board.bytes) {
    throw new Error(`${imageFile} holds ${image.length} bytes, but the board's Storage is ${board.bytes} bytes; ` +
      'refusing to load a flash image from another board');
  }
  return image;
}
