import 'server-only';
// The `meshwatch` command line: argument parsing (commander) and exit codes. `run` never exits the
// process and takes its streams, so tests drive it in-process.
// Arguments are checked by commander itself (choices, and the small parsers below that throw its
// InvalidArgumentError): its messages name the option, so a zod layer on top would add nothing.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isMeshwatchError } from '@/lib/api/errors';
import { POD_STATUSES, RESTART_FIXES, type PodStatus } from '@/lib/mesh';
import { ManifestError, manifestRecords } from '@/lib/k8s/manifests';
import { checkReport, formatCheck } from './check';
import { explain, formatExplain } from './explain';
import { readManifestInputs } from './manifest-input';
import { formatPredict, PREDICTION_CLASSES, predictReport, type PredictionClass } from './predict';
import { painter, wantsColor } from './paint';
import { openSource, SourceError } from './source';

/** A pipeline tells "the rollout left problems" (1) from "meshwatch could not look" (3). */
export const EXIT = { ok: 0, problems: 1, usage: 2, unreachable: 3 } as const;

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** `check -f -`: the manifests on standard input. */
  readStdin?: () => Promise<string>;
}

type FailOn = (PodStatus | PredictionClass)[];

/** Pod statuses (a live check) or prediction classes (`-f`): which ones fit is checked with the mode. */
export function parseFailOn(value: string): FailOn {
  if (value.trim() === 'none') return [];
  const wanted = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known: readonly string[] = [...POD_STATUSES, ...PREDICTION_CLASSES];
  const unknown = wanted.filter((s) => !known.includes(s));
  if (unknown.length > 0 || wanted.length === 0)
    throw new InvalidArgumentError(
      `use a comma-separated list of ${POD_STATUSES.join(', ')} (or with -f: ${PREDICTION_CLASSES.join(', ')}), or "none".`,
    );
  return wanted as FailOn;
}

/** A command line that cannot be carried out as given (exit code usage, the message on stderr). */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The --fail-on that fits the mode, or a usage error naming the ones that do not. */
function failOnFor<T extends string>(
  given: FailOn | undefined,
  allowed: readonly T[],
  fallback: T[],
  mode: string,
): T[] {
  if (!given) return fallback;
  const wrong = given.filter((s) => !(allowed as readonly string[]).includes(s));
  if (wrong.length > 0)
    throw new UsageError(
      `--fail-on ${wrong.join(', ')} does not apply to ${mode}; use ${allowed.join(', ')}.`,
    );
  return given as T[];
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number of seconds.');
  return n;
}

interface CommonOptions {
  fromFile?: string;
  context?: string;
  timeout: number;
  output: 'table' | 'json';
}

function sourceOptions(program: Command) {
  return program
    .option('--from-file <dump.json>', 'analyse a `kubectl get … -A -o json` dump instead of a live cluster')
    .option('--context <name>', 'kube context to use (default: the current one)')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('--timeout <seconds>', 'how long to wait for the cluster', seconds, 30);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const paint = painter(wantsColor(io.stdout, io.env));
  let code: number = EXIT.ok;
  const print = (text: string) => io.stdout.write(text);
  const program = new Command('meshwatch')
    .description('Linkerd proxy injection: what is meshed, what is not, and why')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  sourceOptions(program.command('check'))
    .description('check every namespace (or one) and exit 1 when pods have a --fail-on status')
    .option(
      '-n, --namespace <name>',
      'only this namespace (with -f: the namespace of objects that name none)',
    )
    .option(
      '-f, --filename <paths...>',
      'predict injection for manifests not yet applied: files, directories, or - for standard input',
    )
    .option(
      '--fail-on <statuses>',
      `comma-separated pod statuses that fail the check (${POD_STATUSES.join(', ')}, or none; default ${RESTART_FIXES.join(',')}); with -f: ${PREDICTION_CLASSES.join(', ')} (default will-not-be-meshed)`,
      parseFailOn,
    )
    .action(async (opts: CommonOptions & { namespace?: string; failOn?: FailOn; filename?: string[] }) => {
      if (opts.filename) {
        const failOn = failOnFor(opts.failOn, PREDICTION_CLASSES, ['will-not-be-meshed'], '-f');
        const readStdin = io.readStdin ?? (async () => '');
        const inputs = await readManifestInputs(opts.filename, io.cwd, readStdin);
        const input = manifestRecords(inputs, opts.namespace ?? 'default');
        const source = await openSource({ ...opts, timeoutSeconds: opts.timeout, cwd: io.cwd });
        const report = predictReport(source, input, failOn);
        print(opts.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatPredict(report, paint));
        code = report.result === 'ok' ? EXIT.ok : EXIT.problems;
        return;
      }
      const failOn = failOnFor(opts.failOn, POD_STATUSES, [...RESTART_FIXES], 'a live check');
      const source = await openSource({ ...opts, timeoutSeconds: opts.timeout, cwd: io.cwd });
      const report = checkReport(source, failOn, opts.namespace);
      print(opts.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatCheck(report, paint));
      code = report.result === 'ok' ? EXIT.ok : EXIT.problems;
    });

  sourceOptions(program.command('explain'))
    .description("print a pod's verdict and the injector's decision trace")
    .argument('<namespace/pod>', 'the pod, e.g. payments/api-7d9c-x2x4z')
    .action(async (ref: string, opts: CommonOptions) => {
      const source = await openSource({ ...opts, timeoutSeconds: opts.timeout, cwd: io.cwd });
      const response = await explain(source, ref);
      print(
        opts.output === 'json' ? `${JSON.stringify(response, null, 2)}\n` : formatExplain(response, paint),
      );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError)
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    if (err instanceof UsageError || err instanceof ManifestError) {
      io.stderr.write(`meshwatch: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof SourceError) {
      io.stderr.write(`meshwatch: ${err.message}\n`);
      return EXIT.unreachable;
    }
    if (isMeshwatchError(err)) {
      io.stderr.write(`meshwatch: ${err.message}\n`);
      return err.code === 'unavailable' ? EXIT.unreachable : EXIT.usage;
    }
    io.stderr.write(`meshwatch: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.unreachable;
  }
}
