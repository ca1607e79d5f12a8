export { encodeReport, decodeReport } from './codec';
export { createReportQueue } from './queue';
export type { ReportQueue, ReportQueueOptions, QueuedReport } from './queue';
export { createSender } from './sender';
export type { ReportTransport, SendObserver, SenderOptions } from './sender';
export { createConsoleTransport } from './console-transport';
