export { prepareTemplate, type MatchTemplate } from './template';
export { compareTemplates } from './compare';
export { similarity, verify, verifyAny, type MatchResult } from './matcher';
export { MatchParams, DEFAULT_THRESHOLD, REFERENCE_DPI } from '../parameters';
