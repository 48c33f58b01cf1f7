/**
 * The `.env` file a program started by hand reads (safe local defaults), or none with
 * NODE_ENV=production, where only real environment variables count (README § Settings).
 */
export function localEnvFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.NODE_ENV === 'production' ? undefined : '.env';
}
