import ChorusLanguage
import ChorusRegistry
import Foundation

/// One group in the console: the listing, its feeds, its verdicts with reasons and fixes, its harvests, its key,
/// and the actions the person's role allows.
enum GroupDetail {
    struct Fact {
        let label: String
        let value: String
        /// A value no language changes: an address, a charter's own tier name.
        var verbatim = false
    }

    struct Feed {
        let seq: Int64
        let when: String
        let expires: String
        let digest: String
        let via: String
        let href: String
    }

    struct Rule {
        let rule: String
        let outcome: String
        let failed: Bool
        let severity: String
        let reason: String
        let fix: String?
        /// The language of the fix: the reader's where the charter translates it, the charter's own otherwise.
        let fixLang: String?
    }

    struct Judgement {
        let when: String
        let charter: String
        let tier: String
        let listed: String
    }

    struct Attempt {
        let when: String
        let outcome: String
        let detail: String
    }

    struct Key {
        let keyId: String
        let fingerprint: String
        let status: String
        let since: String
        let source: String
    }

    struct View {
        let frame: ConsoleFrame
        let groupId: String
        let title: String
        let state: String
        let facts: [Fact]
        let publicPage: String?
        let feeds: [Feed]
        let rules: [Rule]
        let judgements: [Judgement]
        let attempts: [Attempt]
        let keys: [Key]
        let actionBase: String
        let canApprove: Bool
        let canSuspend: Bool
        let canRemove: Bool
        let canRevoke: Bool
        let canHarvest: Bool
        let hasFeeds: Bool
        let hasRules: Bool
        let hasJudgements: Bool
        let hasAttempts: Bool
        let hasActions: Bool
    }

    static func view(registry: Registry, access: ConsoleAccess, groupId: String, said: String?) async throws -> View {
        let group = try await registry.group(network: access.network, groupId: groupId)
        let history = try await registry.groupHistory(network: access.network, groupId: groupId)
        let report = try? await registry.complianceReport(network: access.network, groupId: groupId)
        let listed = report?.listed ?? (group.membership == .active && group.compliance == nil)
        let membership = GroupFilter.words(group.membership)
        var facts = [
            Fact(label: tr("Membership"), value: group.membershipReason.map { tr("{state} ({reason})", ["state": membership, "reason": $0]) } ?? membership),
            Fact(label: tr("Tier"), value: report.map { $0.tierName ?? $0.tier ?? tr("no tier") } ?? GroupFilter.shownTier(GroupFilter.tier(group)),
                 verbatim: report?.tier != nil),
            Fact(label: tr("In the public directory"), value: listed && group.membership == .active ? tr("yes") : tr("no")),
            Fact(label: tr("Feed address"), value: group.feedURL, verbatim: true),
        ]
        if group.hostedHere {
            facts.append(Fact(label: tr("Harvest"), value: tr("none: this registry hosts the group's feed, which changes when the group publishes")))
        } else {
            let state = GroupFilter.words(group.harvestState)
            var harvest = group.harvestReason.map { tr("{state} ({reason})", ["state": state, "reason": $0]) } ?? state
            if group.consecutiveFailures > 0 {
                // The same English in both forms, as the page has always said it; a translation takes its own plural forms.
                harvest = trPlural("{state}, {count} failures in a row", "{state}, {count} failures in a row", count: group.consecutiveFailures, ["state": harvest])
            }
            facts += [
                Fact(label: tr("Harvest"), value: harvest),
                Fact(label: tr("Next fetch"), value: Console.when(group.nextFetchAt)),
            ]
        }
        if let snapshot = group.snapshot {
            let values = ["seq": String(snapshot.seq), "fetched": Console.when(snapshot.fetchedAt), "expires": Console.when(snapshot.expires)]
            facts.append(Fact(label: tr("Last good feed"), value: snapshot.stale
                ? tr("seq {seq}, {fetched}; expires {expires} (stale: past its expiry)", values)
                : tr("seq {seq}, {fetched}; expires {expires}", values)))
        }
        let base = "/console/n/\(access.network)/groups/\(groupId)"
        let role = access.role
        let revoked = group.keys.contains { $0.status == .revoked } && group.pinnedKey == nil
        let canApprove = role >= .admin && [.pendingApproval, .suspended].contains(group.membership)
        let canSuspend = role >= .admin && group.membership == .active
        let canRemove = role >= .admin && group.membership != .removed
        let canRevoke = role >= .admin && group.pinnedKey != nil && !revoked
        let canHarvest = role >= .editor && group.membership != .removed && !group.hostedHere
        return View(
            frame: access.frame("/groups", said: said), groupId: groupId, title: group.title ?? groupId,
            state: GroupFilter.words(group.membership), facts: facts,
            publicPage: listed && group.membership == .active ? "/groups/\(groupId)" : nil,
            feeds: history.feeds.map {
                Feed(seq: $0.seq, when: Console.when($0.fetchedAt), expires: Console.when($0.expires), digest: $0.digest,
                     via: GroupFilter.words($0.via), href: "\(base)/feeds/\($0.seq)")
            },
            rules: (report?.lines ?? []).map {
                Rule(rule: $0.rule, outcome: Self.outcome($0.outcome.rawValue), failed: $0.outcome.rawValue == "fail",
                     severity: VerdictWords.severity($0.severity.rawValue),
                     reason: $0.reason, fix: $0.outcome.rawValue == "fail" ? $0.fix : nil, fixLang: $0.fixLanguage ?? report?.charterLanguage)
            },
            judgements: (report?.history ?? []).map {
                Judgement(when: Console.when($0.evaluatedAt), charter: $0.charterVersion, tier: $0.tier ?? tr("no tier"),
                          listed: $0.listed ? tr("listed") : tr("not listed"))
            },
            attempts: group.recentAttempts.map {
                Attempt(when: Console.when($0.at), outcome: tr("{outcome} ({via})", ["outcome": GroupFilter.words($0.outcome), "via": GroupFilter.words($0.via)]),
                        detail: [$0.code, $0.httpStatus.map { "HTTP \($0)" }, $0.detail].compactMap { $0 }.joined(separator: ": "))
            },
            keys: group.keys.map {
                Key(keyId: $0.keyId, fingerprint: $0.fingerprint, status: GroupFilter.words($0.status), since: Console.when($0.since), source: Self.keySource($0.source))
            },
            actionBase: base,
            canApprove: canApprove, canSuspend: canSuspend, canRemove: canRemove, canRevoke: canRevoke,
            canHarvest: canHarvest,
            hasFeeds: !history.feeds.isEmpty, hasRules: !(report?.lines ?? []).isEmpty, hasJudgements: !(report?.history ?? []).isEmpty,
            hasAttempts: !group.recentAttempts.isEmpty, hasActions: canApprove || canSuspend || canRemove || canRevoke || canHarvest)
    }

    /// A rule's outcome (the raw value of a verdict's outcome) as the console has always written it.
    static func outcome(_ raw: String) -> String {
        switch raw {
        case "pass": tr("pass", context: "rule outcome")
        case "fail": tr("fail", context: "rule outcome")
        case "not-applicable": tr("not-applicable", context: "rule outcome")
        default: raw
        }
    }
}

/// Enrolling a group by its feed address and key, and the groups waiting for a decision.
enum EnrolPage {
    struct Waiting {
        let groupId: String
        let title: String
        let state: String
        let fingerprint: String
        let href: String
    }

    struct View {
        let frame: ConsoleFrame
        let canEnrol: Bool
        let problem: String?
        let feedURL: String
        let publicKey: String
        let waiting: [Waiting]
        let hasWaiting: Bool
    }

    static func view(registry: Registry, access: ConsoleAccess, said: String? = nil, problem: String? = nil, feedURL: String = "",
                     publicKey: String = "") async throws -> View {
        var waiting: [GroupStatus] = []
        for summary in try await registry.groupSummaries(network: access.network) where [.pendingKey, .pendingApproval].contains(summary.membership) {
            waiting.append(try await registry.group(network: access.network, groupId: summary.groupId))
        }
        return View(frame: access.frame("/enrol", said: said), canEnrol: access.role >= .editor, problem: problem, feedURL: feedURL, publicKey: publicKey,
                    waiting: waiting.map { group in
                        Waiting(groupId: group.groupId, title: group.title ?? group.groupId,
                                state: group.hostedHere
                                    ? tr("{state} (it asked to join by publishing its first feed here)", ["state": GroupFilter.words(group.membership)])
                                    : GroupFilter.words(group.membership),
                                fingerprint: group.keys.first.map(\.fingerprint) ?? tr("no key seen yet"),
                                href: "/console/n/\(access.network)/groups/\(group.groupId)")
                    }, hasWaiting: !waiting.isEmpty)
    }
}

extension GroupDetail {
    /// Where the registry learned a key, stored in English; shown in the page's language.
    static func keySource(_ stored: String) -> String {
        switch stored {
        case "given at enrolment": tr("given at enrolment")
        case "published beside the feed": tr("published beside the feed")
        case "announced in feed": tr("announced in feed")
        case "first seen in an enrolment request": tr("first seen in an enrolment request")
        default: stored
        }
    }
}
