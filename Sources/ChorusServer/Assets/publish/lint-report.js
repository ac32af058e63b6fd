// What the registry's lint and a network's charter say of a feed, as the page shows it: one list of what to change
// and what to consider, then the tier reached and the charter's failing rules in its own plain words.

const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** Fills `panel` with the report of a `LintRoutes.Answer`; `goodNews` is said when nothing needs changing. */
export function renderLint(panel, lint, goodNews, { hint = "Where one of these is true of your group, say so in the questions: most are under “Commitments and ground rules”." } = {}) {
  panel.replaceChildren();
  const errors = lint.problems.filter((problem) => problem.severity === "error");
  const warnings = lint.problems.filter((problem) => problem.severity !== "error");
  panel.append(element("p", errors.length
    ? `${errors.length === 1 ? "One thing needs" : `${errors.length} things need`} changing before this can be published.`
    : goodNews, errors.length ? "problem" : "said"));
  if (lint.problems.length) {
    const list = element("ul");
    for (const problem of errors.concat(warnings)) {
      const item = element("li", `${problem.severity === "error" ? "To change" : "To consider"}: ${problem.message}${problem.line ? ` (line ${problem.line})` : ""}`);
      item.dataset.code = problem.code;
      list.append(item);
    }
    panel.append(list);
  }
  if (!lint.network) return;
  panel.append(element("p", lint.tier
    ? `Under ${lint.network}'s charter the group reaches ${lint.tierName || lint.tier}${lint.listed ? ", and would be listed." : ", which is not yet enough to be listed."}`
    : `Under ${lint.network}'s charter the group does not yet reach a tier.`, "tier"));
  const failing = (lint.failing || []).filter((rule) => rule.severity === "required");
  const later = (lint.failing || []).filter((rule) => rule.severity !== "required");
  for (const [rules, heading] of [[failing, `For ${lint.network} to list the group, its charter asks:`], [later, "And for a higher tier:"]]) {
    if (!rules.length) continue;
    const list = element("ul");
    for (const rule of rules) {
      const item = element("li", rule.text || rule.reason);
      item.dataset.rule = rule.rule;
      item.append(element("span", ` (now: ${rule.reason})`, "hint"));
      list.append(item);
    }
    panel.append(element("p", heading), list);
  }
  if (failing.length || later.length) panel.append(element("p", hint, "hint"));
}
