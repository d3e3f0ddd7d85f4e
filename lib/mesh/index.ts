// The engine's public API. Pure: plain records in, verdicts out.
export type * from './types';
export { analyzeCluster, analyzeNamespace, explainPod } from './analyze';
