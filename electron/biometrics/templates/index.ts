export type { ExtendedDataArea, FingerView, MinutiaeRecord, RecordMinutia, TemplateFormat } from './model';
export { decodeTemplate, encodeTemplate, sniffTemplateFormat, formatName } from './record';
export { featuresToRecord, recordToFeatures, toFormatAngle, fromFormatAngle, type RecordOptions } from './convert';
export * as TemplateConstants from './constants';
