import 'server-only';
// Where `meshwatch check -f` reads manifests from: files, directories (their .yaml, .yml and .json
// files, recursively, in name order) and `-` for standard input, as `kubectl apply -f` takes them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ManifestError } from '@/lib/k8s/manifests';

const MANIFEST = /\.(ya?ml|json)$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(full);
      return entry.isFile() && MANIFEST.test(entry.name) ? [full] : [];
    });
}

export async function readManifestInputs(
  paths: readonly string[],
  cwd: string,
  readStdin: () => Promise<string>,
): Promise<{ text: string; origin: string }[]> {
  const inputs: { text: string; origin: string }[] = [];
  for (const given of paths) {
    if (given === '-') {
      inputs.push({ text: await readStdin(), origin: 'standard input' });
      continue;
    }
    const full = path.resolve(cwd, given);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new ManifestError(`${given}: no such file or directory.`);
    }
    const files = stat.isDirectory() ? filesUnder(full) : [full];
    if (stat.isDirectory() && files.length === 0)
      throw new ManifestError(`${given}: the directory holds no .yaml, .yml or .json file.`);
    for (const file of files)
      inputs.push({ text: readFileSync(file, 'utf8'), origin: path.relative(cwd, file) || file });
  }
  return inputs;
}
