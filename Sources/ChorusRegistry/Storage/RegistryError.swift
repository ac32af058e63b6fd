/// A registry operation that cannot go ahead, with a one-line reason fit to show a volunteer.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalid(String)
    case conflict(String)
    case forbidden(String)
    case storage(String)

    public var description: String {
        switch self {
        case .notFound(let m), .invalid(let m), .conflict(let m), .forbidden(let m), .storage(let m): m
        }
    }
}
