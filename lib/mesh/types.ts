// The injection model's vocabulary: slim, plain records in (inputs.ts: what lib/k8s reshapes API
// objects into) and verdicts out (outputs.ts). Safe to import from server code, client code and tests.
export type * from './inputs.ts';
export type * from './outputs.ts';
export { POD_STATUSES, RESTART_FIXES } from './outputs.ts';
