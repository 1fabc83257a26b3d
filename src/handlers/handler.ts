import type { HandlerContext } from './handlerContext.js';
import { toHandlerError } from './handlerError.js';

/** A handler: validated input in, a result or a HandlerError out (domain and HubSpot failures mapped here, once). */
export function handler<R, C extends Partial<HandlerContext> = HandlerContext>(run: (ctx: C, raw: unknown) => Promise<R>): (ctx: C, raw: unknown) => Promise<R> {
  return async (ctx, raw) => {
    try {
      return await run(ctx, raw);
    } catch (e) {
      throw toHandlerError(e);
    }
  };
}
