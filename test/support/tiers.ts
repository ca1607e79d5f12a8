import * as fs from 'fs';

/**
 * The real-interpreter tier: the binary named by `envName`, or a skip that
 * says so in the test output (also under CI=true: CI has no Espruino).
 */
export function interpreterOrSkip(ctx: Mocha.Context, envName: string, what: string): string {
  const bin = process.env[envName];
  if (!bin) {
    process.stdout.write(`      SKIPPED: ${envName} is not set (${what}); set it to run this tier\n`);
    ctx.skip();
  }
  if (!fs.existsSync(bin as string)) throw new Error(`${envName}=${bin} does not exist`);
  return bin as string;
}
