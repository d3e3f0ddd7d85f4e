// Linkerd's injector webhook (its real webhook name) pointed at a closed port, 1 s timeout: the injector
// "down", for the namespaces `namespaceSelector` matches. `Fail`: pod creation there is refused;
// `Ignore`: pods start without a proxy. Its configuration name is the caller's, not Linkerd's, so a real
// Linkerd in the testbed is neither touched nor shadowed. Shared by the integration tests and e2e.
export function downInjectorWebhookYaml(
  name: string,
  namespaceSelector: Record<string, string>,
  failurePolicy: 'Fail' | 'Ignore',
  labels: Record<string, string> = {},
): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: ${name}, labels: ${JSON.stringify(labels)} }
webhooks:
- name: linkerd-proxy-injector.linkerd.io
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: ${failurePolicy}
  timeoutSeconds: 1
  clientConfig: { url: "https://127.0.0.1:1/" }
  namespaceSelector: { matchLabels: ${JSON.stringify(namespaceSelector)} }
  objectSelector: {}
  rules:
  - { operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: "*" }
`;
}
