import { register } from "node:module";

// Scripts import this first and load the rest of the app with a dynamic import, because
// the resolve hook only applies to modules loaded after it is registered.
register("./server-only-hook.mjs", import.meta.url);
