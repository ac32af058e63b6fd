import ChorusCharter
import ChorusLanguage
import Foundation
import GRDB

/// The compliance dashboard's figures and one group's report, read from the verdicts.
extension Judge {
    func complianceReport(network slug: String) async throws -> ComplianceReport {
        let now = context.now
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let charter = try charterEvaluator(db, network: network)?.evaluator.charter
            let decoder = JSONDecoder()
            var verdicts: [Verdict] = []
            var lines: [ComplianceReport.GroupLine] = []
            for row in try MemberComplianceRow.all(db, network: network) {
                let verdict = row.verdict.flatMap { try? decoder.decode(Verdict.self, from: $0) }
                if let verdict { verdicts.append(verdict) }
                let problem = row.lastOutcome.flatMap { outcome in
                    outcome == .accepted || outcome == .unchanged ? nil : "\(outcome.rawValue) \(row.lastCode ?? ""): \(row.lastDetail ?? "")"
                }
                lines.append(ComplianceReport.GroupLine(
                    groupId: row.groupId, title: row.title, membership: row.membership,
                    tier: verdict?.tier, listed: verdict?.listed ?? false, failedRequired: verdict?.failedRequired.map(\.rule) ?? [],
                    warnings: verdict?.warnings ?? [], stale: row.expires.map { $0 <= now } ?? false,
                    harvestState: row.harvestState, lastProblem: problem ?? row.harvestReason, evaluatedAt: row.evaluatedAt,
                    lastHarvest: row.lastHarvestAt, expires: row.expires))
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

    /// The rules' texts and fixes are in the reader's language (`Localizer.current`) where the charter translates them.
    func complianceReport(network slug: String, groupId: String) async throws -> GroupComplianceReport {
        let reader = Localizer.current.language
        return try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let (_, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            guard let (_, evaluator) = try charterEvaluator(db, network: network) else {
                throw RegistryError.notFound(.charter(network: slug))
            }
            let history = try VerdictHistoryRow.recent(db, network: network.id!, groupRow: group.id!)
            let decoder = JSONDecoder()
            guard let currentRow = history.first(where: \.current),
                  let verdict = try? decoder.decode(Verdict.self, from: currentRow.verdict),
                  verdict.charterVersion == evaluator.charter.version else {
                throw RegistryError.notFound(.verdict(groupId: groupId, network: slug))
            }
            let charter = evaluator.charter
            let rules = Dictionary(charter.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let lines = verdict.results.map { result in
                let rule = rules[result.rule]
                let text = rule?.text(in: reader), fix = result.fix.flatMap { stored in rule?.fix(in: reader) ?? (text: stored, language: nil) }
                return GroupComplianceReport.Line(rule: result.rule, severity: result.severity, outcome: result.outcome, reason: result.reason,
                                                  fix: fix?.text, text: text?.text ?? "", source: rule?.source ?? "",
                                                  textLanguage: text?.language, fixLanguage: fix?.language)
            }
            let next = evaluator.nextSteps(for: verdict).map {
                GroupComplianceReport.NextTier(tier: $0.tier.id, name: $0.tier.name, failing: $0.failing.map(\.rule))
            }
            let entries = history.compactMap { row -> GroupComplianceReport.HistoryEntry? in
                guard let past = try? decoder.decode(Verdict.self, from: row.verdict) else { return nil }
                return GroupComplianceReport.HistoryEntry(evaluatedAt: row.evaluatedAt, charterVersion: row.version, tier: past.tier,
                                                          listed: past.listed, failedRequired: past.failedRequired.count)
            }
            return GroupComplianceReport(
                network: slug, groupId: groupId, title: group.title, charterVersion: charter.version, charterTitle: charter.title,
                charterLanguage: charter.language,
                tier: verdict.tier, tierName: verdict.tier.flatMap { charter.tier($0)?.name }, listed: verdict.listed,
                evaluatedAt: currentRow.evaluatedAt, lines: lines, nextTiers: next, warnings: verdict.warnings,
                history: entries, disclaimer: Verdict.disclaimer)
        }
    }
}
