// The command behind every button: the exact kubectl command(s) that make the same change, and the
// YAML fragment to put in the manifest instead (the only durable fix when GitOps owns the object).
import { API_VERSIONS, editPath, mergePatch, type MetadataChange } from './changes.ts';
import { isRestartableKind } from './restartability.ts';
import type { WorkloadKind } from './types.ts';

/** POSIX single quoting; names are DNS-1123 and need none, values and JSON may. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._\/=:@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function resource(kind: string): string {
  return kind.toLowerCase();
}

function nsFlag(change: MetadataChange): string[] {
  return change.target.kind === 'Namespace' ? [] : ['-n', change.target.namespace];
}

/**
 * kubectl commands in order. Edits on an object's own metadata use `kubectl annotate` / `kubectl label`;
 * edits on a pod template use one `kubectl patch --type=merge` (kubectl annotate would write the
 * workload's own metadata, which the injector never reads).
 */
export function kubectlCommands(change: MetadataChange): string[] {
  const t = change.target;
  const ref = [resource(t.kind), t.name];
  const commands: string[] = [];
  for (const field of ['annotations', 'labels'] as const) {
    const own = change.edits
      .filter((e) => e.on === 'object' || t.kind === 'Namespace')
      .filter((e) => e.field === field);
    if (own.length === 0) continue;
    const args = own.map((e) => (e.value === null ? `${e.key}-` : `${e.key}=${e.value}`));
    const overwrite = own.some((e) => e.value !== null) ? ['--overwrite'] : [];
    const verb = field === 'annotations' ? 'annotate' : 'label';
    commands.push(
      ['kubectl', verb, ...ref, ...nsFlag(change), ...args, ...overwrite].map(shellQuote).join(' '),
    );
  }
  const templated = change.edits.filter((e) => e.on === 'template' && t.kind !== 'Namespace');
  if (templated.length > 0) {
    const patch = JSON.stringify(mergePatch({ target: t, edits: templated }));
    commands.push(
      [
        ...['kubectl', 'patch', ...ref, ...nsFlag(change), '--type=merge', '-p'].map(shellQuote),
        shellQuote(patch),
      ].join(' '),
    );
  }
  return commands;
}

/** A YAML scalar that reads back as the same string (quoted when YAML would take it for something else). */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9._\/-]*$/.test(value);
  const special = /^(true|false|yes|no|on|off|null|y|n|~)$/i.test(value);
  return plain && !special ? value : JSON.stringify(value);
}

type Tree = Map<string, Tree | string>;

function insert(tree: Tree, path: string[], leaf: string): void {
  let node = tree;
  for (const key of path) {
    let next = node.get(key);
    if (!(next instanceof Map)) node.set(key, (next = new Map()));
    node = next;
  }
  // Leaf keys are inserted by the caller as "key: value" lines.
  node.set(`\u0000${leaf}`, '');
}

function render(tree: Tree, indent: string, out: string[]): void {
  for (const [key, child] of tree) {
    if (key.startsWith('\u0000')) out.push(`${indent}${key.slice(1)}`);
    else if (child instanceof Map) {
      out.push(`${indent}${key}:`);
      render(child, `${indent}  `, out);
    }
  }
}

/**
 * The manifest fragment after the change: the object's identity and the changed keys at their place.
 * A removal has no YAML of its own, so it is a comment at the place the key must go.
 */
export function manifestFragment(change: MetadataChange): string {
  const t = change.target;
  const head = [`apiVersion: ${API_VERSIONS[t.kind]}`, `kind: ${t.kind}`, 'metadata:', `  name: ${t.name}`];
  if (t.kind !== 'Namespace') head.push(`  namespace: ${t.namespace}`);
  const tree: Tree = new Map();
  for (const edit of change.edits) {
    const path = editPath(t, edit);
    const line =
      edit.value === null ? `# remove ${edit.key} from here` : `${edit.key}: ${yamlScalar(edit.value)}`;
    insert(tree, path, line);
  }
  const body: string[] = [];
  const meta = tree.get('metadata');
  if (meta instanceof Map) {
    tree.delete('metadata');
    render(meta, '  ', body);
  }
  const lines = [...head, ...body];
  render(tree, '', lines);
  return `${lines.join('\n')}\n`;
}

/** `kubectl rollout restart` for the kinds that have one; what to do instead for a CronJob. */
export function restartCommand(kind: WorkloadKind, namespace: string, name: string): string | undefined {
  if (!isRestartableKind(kind)) return undefined;
  return `kubectl rollout restart ${resource(kind)}/${name} -n ${namespace}`;
}

/** The command to follow a template change's rollout (none for a CronJob: its next Job picks it up). */
export function rolloutStatusCommand(
  kind: WorkloadKind,
  namespace: string,
  name: string,
): string | undefined {
  if (!isRestartableKind(kind)) return undefined;
  return `kubectl rollout status ${resource(kind)}/${name} -n ${namespace}`;
}
