import { setFlagsFromString } from 'node:v8';

/**
 * Imported for its effect, first (main.ts, app.factory.ts): turns off V8's allocation-site
 * pretenuring for the process, before the app's modules load.
 *
 * With it on, V8 learns at start — where nearly every object lives on — to allocate some sites'
 * objects straight into the old generation. Later, a request's objects made at such a site hold
 * the request's young objects (a page's rows as pg reads them, their strings) alive through every
 * scavenge: the old generation counts as a root for it until the next full collection, long after
 * the request ended. Measured on the city year (a department's gate list, `--trace-gc-nvp`):
 * ~2 MB promoted a scavenge (~20 KB a request, even on one connection; the bare server: ~10 KB
 * a scavenge), scavenges of 5–8 ms and a full collection every 2–3 s; turned off: ~70 KB, 2.5 ms,
 * no full collection in 6 s, and the API's CPU a request ~0.57 → ~0.45 ms.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
