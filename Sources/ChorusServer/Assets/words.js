// The words scripts show, in the page's language. The server serves each language's translations of the strings
// the scripts use as a module, /assets/words/LANG.js, made from the same catalogs as the pages; English needs none.
// A module rather than fetched JSON, so the pages' policy need allow scripts from this site and nothing more.
const language = document.documentElement.lang || "en";
const words = language === "en" ? {}
  : await import(`/assets/words/${encodeURIComponent(language)}.js`).then((module) => module.default).catch(() => ({}));

/**
 * The translation of an English string, with `{name}` placeholders filled from `values`.
 * The catalog extractor finds every call by its literal, so the first argument is always a string literal.
 */
export function t(english, values = {}) {
  let text = typeof words[english] === "string" && words[english] !== "" ? words[english] : english;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}
