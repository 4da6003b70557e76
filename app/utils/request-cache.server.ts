// Values computed once per request and shared by the loaders of that request. Remix hands one Request
// object to the root, layout and page loaders of a page (and of a data request); keying on it keeps
// each lookup to one round trip per request and lets it go with the request.
const caches = new WeakMap<Request, Map<string, Promise<unknown>>>();

export function perRequest<T>(request: Request, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(request);
  if (!cache) caches.set(request, (cache = new Map()));
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
