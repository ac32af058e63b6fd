import Hummingbird

/// Turns every error into a one-line JSON problem with the right status; no stack or internals leak out.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ChorusRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Responses.problem(error.status, error.status == .notFound ? "not-found" : "http",
                                     error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch is DecodingError {
            return Responses.problem(.badRequest, "malformed", "the request body is not the JSON this route expects")
        } catch {
            let response = Responses.problem(for: error)
            if response.status == .internalServerError {
                context.logger.error("request failed", metadata: ["route": "\(context.endpointPath ?? "unmatched")", "error": "\(error)"])
            }
            return response
        }
    }
}
