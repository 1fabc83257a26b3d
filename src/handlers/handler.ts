import type { HandlerContext } from './handlerContext.js';
import { toHandlerError } from './handlerError.js';

/** A handler: validated input in, a result or a HandlerError out (domain and HubSpot failures mapped here, once). */
export function handler<R>(run: (ctx: HandlerContext, raw: unknown) => Promise<R>): (ctx: HandlerContext, raw: unknown) => Promise<R> {
  return async (ctx, raw) => {
    try {
      return await run(ctx, raw);
    } catch (e) {
      throw toHandlerError(e);
    }
  };
}
