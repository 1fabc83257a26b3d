// The name a call is counted and matched under: the method and the path with numeric ids
// replaced, e.g. "GET /crm/v3/objects/contacts/{id}".
export function routeKey(method: string, pathname: string): string {
  const path = pathname.replace(/\/+$/, '').replace(/\/\d+(?=\/|$)/g, '/{id}');
  return `${method.toUpperCase()} ${path}`;
}

/** "POST /crm/v3/objects/* /search"-style globs: `*` matches within one segment, `**` across segments. */
export function routeMatcher(pattern: string): (key: string) => boolean {
  if (pattern === '*' || pattern === '**') return () => true;
  const escaped = pattern
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  const re = new RegExp(`^${escaped}$`);
  return (key) => re.test(key);
}
