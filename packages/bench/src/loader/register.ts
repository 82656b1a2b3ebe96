import { register } from 'node:module';

let registered = false;

/** Lets this process import `.ts` files (see hooks.ts); idempotent. */
export function registerTypeScriptLoader(): void {
  if (registered) return;
  register('./hooks.js', import.meta.url);
  registered = true;
}
