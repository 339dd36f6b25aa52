// The registry process: `npm run registry` (or `npm start`, which also seeds demo data and builds
// the extension). Configuration comes from the environment, see server/config.ts and the README.
import './production';
import { parseServerEnv } from './config';
import { startRegistry } from './serve';

async function main(): Promise<void> {
  const env = parseServerEnv(process.env);
  const running = await startRegistry(env);
  console.log(
    `An Tâm registry listening on ${running.url} (${running.database.engine}${env.DEMO_DATA ? ', demo data' : ''})`,
  );
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
