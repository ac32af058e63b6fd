import ChorusCharter
import Foundation
import GRDB

/// The compliance dashboard's figures and one group's report, read from the verdicts.
extension Judge {
    func complianceReport(network slug: String) async throws -> ComplianceReport {
        let now = context.now
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let charter = try charterEvaluator(db, network: network)?.evaluator.charter
            let rows = try Row.fetchAll(db, literal: """
                SELECT g.groupId, g.title, g.harvestState, g.harvestReason, m.status AS membership, v.verdict, v.evaluatedAt,
                       (SELECT expires FROM snapshot s WHERE s.groupRow = g.id ORDER BY seq DESC LIMIT 1) AS expires,
                       (SELECT outcome || ' ' || COALESCE(code, '') || ': ' || COALESCE(detail, '') FROM harvestAttempt a
                          WHERE a.groupRow = g.id ORDER BY a.id DESC LIMIT 1) AS lastAttempt
                FROM membership m JOIN feedGroup g ON g.id = m.groupRow
                LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1 AND v.charterId = \(network.charterId)
                WHERE m.networkId = \(network.id!) AND m.status != \(MembershipStatus.removed)
                ORDER BY COALESCE(g.title, g.groupId)
                """)
            let decoder = JSONDecoder()
            var verdicts: [Verdict] = []
            var lines: [ComplianceReport.GroupLine] = []
            for row in rows {
                let verdict = (row["verdict"] as Data?).flatMap { try? decoder.decode(Verdict.self, from: $0) }
                if let verdict { verdicts.append(verdict) }
                let expires: Date? = row["expires"]
                let last: String? = row["lastAttempt"]
                let problem = last.flatMap { $0.hasPrefix("accepted") || $0.hasPrefix("unchanged") ? nil : $0 }
                lines.append(ComplianceReport.GroupLine(
                    groupId: row["groupId"], title: row["title"],
                    membership: MembershipStatus(rawValue: row["membership"]) ?? .active,
                    tier: verdict?.tier, listed: verdict?.listed ?? false, failedRequired: verdict?.failedRequired.map(\.rule) ?? [],
                    warnings: verdict?.warnings ?? [], stale: expires.map { $0 <= now } ?? false,
                    harvestState: HarvestState(rawValue: row["harvestState"]) ?? .active,
                    lastProblem: problem ?? (row["harvestReason"] as String?), evaluatedAt: row["evaluatedAt"]))
            }
            return Self.summarise(network: network, charter: charter, verdicts: verdicts, lines: lines)
        }
    }

    static func summarise(network: Network, charter: Charter?, verdicts: [Verdict], lines: [ComplianceReport.GroupLine]) -> ComplianceReport {
        let tiers = (charter?.tiers ?? []).map { tier in
            ComplianceReport.TierCount(id: tier.id, name: tier.name, rank: tier.rank, groups: verdicts.filter { $0.tier == tier.id }.count)
        }
        let rules = (charter?.rules ?? []).enumerated().map { index, rule in
            var pass = 0, fail = 0, notApplicable = 0
            for verdict in verdicts where verdict.results.indices.contains(index) {
                switch verdict.results[index].outcome {
                case .pass: pass += 1
                case .fail: fail += 1
                case .notApplicable: notApplicable += 1
                }
            }
            return ComplianceReport.RuleStats(id: rule.id, severity: rule.severity, text: rule.text, tiers: rule.tiers,
                                              pass: pass, fail: fail, notApplicable: notApplicable,
                                              passRate: pass + fail == 0 ? nil : Double(pass) / Double(pass + fail))
        }
        let completeness = Completeness.fields.map { field in
            ComplianceReport.FieldStats(field: field, present: verdicts.filter { $0.completeness.contains(field) }.count, total: verdicts.count)
        }
        return ComplianceReport(
            network: network.slug, networkName: network.name, charterVersion: charter?.version, charterTitle: charter?.title,
            disclaimer: Verdict.disclaimer, groupsJudged: verdicts.count, listed: verdicts.filter(\.listed).count,
            notListed: verdicts.filter { !$0.listed }.count, noTier: verdicts.filter { $0.tier == nil }.count,
            tiers: tiers, rules: rules, completeness: completeness, groups: lines)
    }

    func complianceReport(network slug: String, groupId: String) async throws -> GroupComplianceReport {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let (_, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            guard let (_, evaluator) = try charterEvaluator(db, network: network) else {
                throw RegistryError.notFound(.charter(network: slug))
            }
            let history = try Row.fetchAll(db, literal: """
                SELECT v.verdict, v.evaluatedAt, v.current, c.version FROM verdict v JOIN charter c ON c.id = v.charterId
                WHERE v.networkId = \(network.id!) AND v.groupRow = \(group.id!) ORDER BY v.id DESC LIMIT 50
                """)
            let decoder = JSONDecoder()
            guard let currentRow = history.first(where: { $0["current"] as Bool }),
                  let verdict = try? decoder.decode(Verdict.self, from: currentRow["verdict"] as Data),
                  verdict.charterVersion == evaluator.charter.version else {
                throw RegistryError.notFound(.verdict(groupId: groupId, network: slug))
            }
            let charter = evaluator.charter
            let rules = Dictionary(charter.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let lines = verdict.results.map { result in
                GroupComplianceReport.Line(rule: result.rule, severity: result.severity, outcome: result.outcome, reason: result.reason,
                                           fix: result.fix, text: rules[result.rule]?.text ?? "", source: rules[result.rule]?.source ?? "")
            }
            let next = evaluator.nextSteps(for: verdict).map {
                GroupComplianceReport.NextTier(tier: $0.tier.id, name: $0.tier.name, failing: $0.failing.map(\.rule))
            }
            let entries = history.compactMap { row -> GroupComplianceReport.HistoryEntry? in
                guard let past = try? decoder.decode(Verdict.self, from: row["verdict"] as Data) else { return nil }
                return GroupComplianceReport.HistoryEntry(evaluatedAt: row["evaluatedAt"], charterVersion: row["version"], tier: past.tier,
                                                          listed: past.listed, failedRequired: past.failedRequired.count)
            }
            return GroupComplianceReport(
                network: slug, groupId: groupId, title: group.title, charterVersion: charter.version, charterTitle: charter.title,
                tier: verdict.tier, tierName: verdict.tier.flatMap { charter.tier($0)?.name }, listed: verdict.listed,
                evaluatedAt: currentRow["evaluatedAt"], lines: lines, nextTiers: next, warnings: verdict.warnings,
                history: entries, disclaimer: Verdict.disclaimer)
        }
    }
}
