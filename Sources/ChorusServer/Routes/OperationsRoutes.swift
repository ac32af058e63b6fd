import ChorusLanguage
import ChorusRegistry
import Foundation
import Hummingbird
import Prometheus

/// `/healthz` and `/metrics`.
struct OperationsRoutes {
    let registry: Registry
    let metrics: PrometheusCollectorRegistry

    func add(to router: Router<ChorusRequestContext>) {
        router.get("healthz") { _, _ in
            do {
                _ = try await registry.counts()
                return Responses.text("ok\n")
            } catch {
                return Responses.text("database unavailable\n", status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            var text = ""
            let counts = try await registry.counts()
            text += "# HELP chorus_harvest_attempts_total Harvest and push attempts recorded, by outcome.\n"
            text += "# TYPE chorus_harvest_attempts_total counter\n"
            for outcome in HarvestOutcome.allCases {
                text += "chorus_harvest_attempts_total{outcome=\"\(outcome.rawValue)\"} \(counts.attemptsByOutcome[outcome.rawValue, default: 0])\n"
            }
            text += "# HELP chorus_feeds Groups by harvest state.\n# TYPE chorus_feeds gauge\n"
            for state in HarvestState.allCases.map(\.rawValue) {
                text += "chorus_feeds{state=\"\(state)\"} \(counts.groupsByState[state, default: 0])\n"
            }
            text += "# HELP chorus_feeds_stale Groups whose last good feed is past its expiry.\n# TYPE chorus_feeds_stale gauge\n"
            text += "chorus_feeds_stale \(counts.staleGroups)\n"
            text += "# HELP chorus_snapshots Accepted snapshots kept.\n# TYPE chorus_snapshots gauge\nchorus_snapshots \(counts.snapshots)\n"
            text += "# HELP chorus_networks Networks hosted.\n# TYPE chorus_networks gauge\nchorus_networks \(counts.networks)\n"
            text += "# HELP chorus_translations_missing Interface strings shown in English since start because a catalog lacks them, by language.\n"
            text += "# TYPE chorus_translations_missing gauge\n"
            for (language, count) in MissingTranslations.shared.counts.sorted(by: { $0.key < $1.key }) {
                text += "chorus_translations_missing{language=\"\(language)\"} \(count)\n"
            }
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            text += String(decoding: buffer, as: UTF8.self)
            return Responses.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

/// Times every request by its route template (never by its concrete path or query, which may hold search terms).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ChorusRequestContext
    let metrics: PrometheusCollectorRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let histogram = metrics.makeDurationHistogram(
                name: "chorus_http_request_duration_seconds",
                labels: [("method", request.method.rawValue), ("route", route), ("status", "\(status)")],
                buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)])
            histogram.record(ContinuousClock.now - started)
            context.logger.debug("request", metadata: ["method": "\(request.method)", "route": "\(route)", "status": "\(status)"])
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as HTTPResponseError {
            status = Int(error.status.code)
            throw error
        }
    }
}
