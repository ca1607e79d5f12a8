export { loadBoard, listBoards, validateBoard, BoardError, ROOT, BOARDS_DIR } from './load';
export { validateAgainstSchema } from './schema-validate';
export type { SchemaError } from './schema-validate';
