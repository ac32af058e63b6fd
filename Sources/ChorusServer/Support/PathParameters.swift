import Hummingbird

extension ChorusRequestContext {
    func required(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw HTTPError(.badRequest, message: "missing \(name)") }
        return raw.removingPercentEncoding ?? raw
    }

    /// A group id from the path: the feed's atom:id, or a bare UUID standing for `urn:uuid:UUID`.
    func groupID() throws -> String {
        let id = try required("groupId")
        let isBareUUID = id.count == 36 && id.allSatisfy { $0.isHexDigit || $0 == "-" }
        return isBareUUID ? "urn:uuid:" + id.lowercased() : id
    }
}
