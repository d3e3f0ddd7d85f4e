// Entry point of the `meshwatch` bin (bin/meshwatch runs it with tsx on the project's Node).
// Exits explicitly: a stopped informer's sockets may otherwise hold the process open for a while.
import { run } from './run';

const cwd = process.env.MESHWATCH_CLI_CWD || process.cwd();
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd,
  readStdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
});
process.stdout.write('', () => process.exit(code));
