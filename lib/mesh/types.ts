// The injection model's vocabulary: slim, plain records in (records.ts: what lib/k8s reshapes API
// objects into) and verdicts out (verdicts.ts). Safe to import from server code, client code and tests.
export type * from './records.ts';
export type * from './verdicts.ts';
export { POD_STATUSES, RESTART_FIXES } from './verdicts.ts';
