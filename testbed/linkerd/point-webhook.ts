// Filters rendered Linkerd manifests (stdin → stdout) so the proxy-injector webhook calls the injector
// the testbed runs on the host: clientConfig becomes { url, caBundle } instead of the in-cluster
// Service (an API server can call a URL webhook; its serving cert carries IP:127.0.0.1, as in envtest).
// Doing it in the applied manifest, not by a patch afterwards, keeps a later re-render's apply from
// merging the Service back in beside the URL. With shape "chart" the objectSelector becomes the Helm
// chart's default (the CLI renders none: charts/linkerd-control-plane/values.yaml proxyInjector).
//   node testbed/linkerd/point-webhook.ts <url> <caBundle file> <cli|chart>
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const WEBHOOK_CONFIG = 'linkerd-proxy-injector-webhook-config';
const CHART_OBJECT_SELECTOR = {
  matchExpressions: [
    { key: 'linkerd.io/control-plane-component', operator: 'DoesNotExist' },
    { key: 'linkerd.io/cni-resource', operator: 'DoesNotExist' },
  ],
};

const [url, caFile, shape] = process.argv.slice(2);
if (!url || !caFile || (shape !== 'cli' && shape !== 'chart')) {
  console.error('usage: point-webhook.ts <url> <caBundle file> <cli|chart>');
  process.exit(2);
}
const caBundle = readFileSync(caFile).toString('base64');

let pointed = 0;
const out: string[] = [];
for (const doc of parseAllDocuments(readFileSync(0, 'utf8'))) {
  const obj = doc.toJS() as Record<string, unknown> | null;
  if (!obj) continue;
  const meta = obj.metadata as { name?: string } | undefined;
  if (obj.kind === 'MutatingWebhookConfiguration' && meta?.name === WEBHOOK_CONFIG) {
    for (const webhook of (obj.webhooks ?? []) as Record<string, unknown>[]) {
      webhook.clientConfig = { url, caBundle };
      if (shape === 'chart') webhook.objectSelector = CHART_OBJECT_SELECTOR;
      pointed += 1;
    }
  }
  out.push(JSON.stringify(obj));
}
if (pointed === 0) {
  console.error(`no ${WEBHOOK_CONFIG} webhook in the rendered manifests`);
  process.exit(1);
}
// One JSON document per line is valid YAML for kubectl apply -f -.
process.stdout.write(out.map((o) => `---\n${o}\n`).join(''));
