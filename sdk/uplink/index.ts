export { encodeReport, decodeReport } from './codec';
export { createReportQueue } from './queue';
export type { ReportQueue, ReportQueueOptions, QueuedReport } from './queue';
export { createSender } from './sender';
export type { SendObserver, SenderOptions } from './sender';
export { createConsoleTransport } from './console-transport';
export { backoffMs } from './backoff';
export type { ReportTransport, SendCallback, TransportReply, RecipientCredentials } from './transport';
