// The page's loader of the tools module (ti-assess-tools: Collect, Compare, the challenge kit,
// "Trace a job"; src/tools.rs), imported by the app's glue (src/web/tools.rs). It also answers
// the results view's questions to the challenge kit (contradictions, a challenge import). The module is
// fetched on first use only, with a same-origin dynamic import (CSP: script-src 'self'); the
// service worker precaches it after the app is ready, so it also loads offline.
//
// A failed load is not remembered: the next call tries again. A retry asks for the script under
// another address (`?attempt=N`), because a browser may keep a failed module fetch for the
// document's life; the first attempt uses the plain name, which the service worker has cached.
let loaded = null;
let pending = null;

export function loadTools(attempt) {
  if (loaded) return Promise.resolve();
  if (!pending) {
    const suffix = attempt > 0 ? `?attempt=${attempt}` : '';
    pending = import(`./ti-assess-tools.js${suffix}`)
      .then(async (module) => {
        await module.default({ module_or_path: new URL('./ti-assess-tools_bg.wasm', import.meta.url) });
        loaded = module;
      })
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

/// The results view's two questions to the challenge kit, which only the tools module holds.
/// Each loads the module first; a failed load rejects, and the next call tries again.
export async function toolsContradictions(attempt, document) {
  await loadTools(attempt);
  return loaded.contradictions(document);
}

export async function toolsChallengeImport(attempt, text, document, store) {
  await loadTools(attempt);
  return loaded.challenge_import(text, document, store);
}

export function mountTools(element) {
  if (!loaded) throw new Error('the tools module is not loaded');
  loaded.mount(element);
}

export function unmountTools() {
  if (loaded) loaded.unmount();
}
