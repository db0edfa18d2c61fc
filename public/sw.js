// Segmentti's service worker: after one online load, the app loads and works with the network off.
//
// - Navigations (any path: the app routes on the client) go to the network first and fall back to
//   the cached index.html, so that a new version is picked up as soon as the network is there.
// - Everything else is same-origin, content-hashed by trunk (or small and static), and served from
//   the cache first.
// Bump VERSION when this file's caching rules change; old caches are deleted on activation.
// - The web worker's files (src/worker.rs) keep their names from build to build (trunk does not hash
//   a worker's names), so they are fetched network first like navigations, and from the cache when
//   offline; they are cached at install, so PDFs can be made offline without having been made before.
const VERSION = 'v2';
const CACHE = `segmentti-${VERSION}`;
const WORKER = ['/segmentti-worker_loader.js', '/segmentti-worker.js', '/segmentti-worker_bg.wasm'];
const STATIC = ['/manifest.webmanifest', '/icon.svg', ...WORKER];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const res = await fetch('/', { cache: 'no-store' });
    const html = await res.clone().text();
    await cache.put('/', res);
    // trunk writes the hashed names into index.html: preload links, the stylesheet, the init() script.
    const urls = [...html.matchAll(/(?:href|src|module_or_path:\s*)=?\s*["']([^"']+\.(?:js|wasm|css))["']/g)]
      .map((m) => m[1]);
    await cache.addAll([...new Set([...urls, ...STATIC])]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('segmentti-') && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate' || WORKER.includes(new URL(req.url).pathname)) {
    const navigation = req.mode === 'navigate';
    const key = navigation ? '/' : req;
    // A navigation's request cannot be copied with options; a worker file is asked for afresh
    // past the HTTP cache, since its name does not change when its content does.
    event.respondWith(
      fetch(navigation ? req : new Request(req, { cache: 'no-cache' }))
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(key, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(key)) || Response.error()),
    );
    return;
  }
  event.respondWith(
    caches.match(req).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    })),
  );
});
