// What the registry's lint and a network's charter say of a feed, as the page shows it: one list of what to change
// and what to consider, then the tier reached and the charter's failing rules in its own plain words.
import { t } from "../words.js";

const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** Fills `panel` with the report of a `LintRoutes.Answer`; `goodNews` is said when nothing needs changing. */
export function renderLint(panel, lint, goodNews, { hint = t("Where one of these is true of your group, say so in the questions: most are under “Commitments and ground rules”.") } = {}) {
  panel.replaceChildren();
  const errors = lint.problems.filter((problem) => problem.severity === "error");
  const warnings = lint.problems.filter((problem) => problem.severity !== "error");
  panel.append(element("p", errors.length
    ? (errors.length === 1
      ? t("One thing needs changing before this can be published.")
      : t("{count} things need changing before this can be published.", { count: errors.length }))
    : goodNews, errors.length ? "problem" : "said"));
  if (lint.problems.length) {
    const list = element("ul");
    for (const problem of errors.concat(warnings)) {
      const values = { line: problem.line, message: problem.message };
      const item = element("li", problem.severity === "error"
        ? (problem.line ? t("To change: {message} (line {line})", values) : t("To change: {message}", values))
        : (problem.line ? t("To consider: {message} (line {line})", values) : t("To consider: {message}", values)));
      item.dataset.code = problem.code;
      list.append(item);
    }
    panel.append(list);
  }
  if (!lint.network) return;
  const reached = { network: lint.network, tier: lint.tierName || lint.tier };
  panel.append(element("p", lint.tier
    ? (lint.listed
      ? t("Under {network}'s charter the group reaches {tier}, and would be listed.", reached)
      : t("Under {network}'s charter the group reaches {tier}, which is not yet enough to be listed.", reached))
    : t("Under {network}'s charter the group does not yet reach a tier.", reached), "tier"));
  const failing = (lint.failing || []).filter((rule) => rule.severity === "required");
  const later = (lint.failing || []).filter((rule) => rule.severity !== "required");
  for (const [rules, heading] of [[failing, t("For {network} to list the group, its charter asks:", { network: lint.network })], [later, t("And for a higher tier:")]]) {
    if (!rules.length) continue;
    const list = element("ul");
    for (const rule of rules) {
      const item = element("li", rule.text || rule.reason);
      item.dataset.rule = rule.rule;
      item.append(element("span", " " + t("(now: {reason})", { reason: rule.reason }), "hint"));
      list.append(item);
    }
    panel.append(element("p", heading), list);
  }
  if (failing.length || later.length) panel.append(element("p", hint, "hint"));
}
