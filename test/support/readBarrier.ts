import type { CrmGateway } from '../../src/hubspot/crmGateway.js';

/**
 * Makes concurrent handlers interleave the worst way: each gateway from `gate()` holds its first
 * contact read until `parties` handlers have all read, so every one decides on the same version
 * before any of them claims it.
 */
export function readBarrier(crm: CrmGateway, parties: number): { gate(): CrmGateway } {
  let arrived = 0;
  let open!: () => void;
  const allRead = new Promise<void>((resolve) => (open = resolve));
  return {
    gate() {
      let first = true;
      return new Proxy(crm, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (name !== 'readContact' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            if (first) {
              first = false;
              if (++arrived === parties) open();
              await allRead;
            }
            return result;
          };
        },
      });
    },
  };
}
