import Foundation

/// A whole-network export as the pieces it is written from: a JSON array whose elements come from one fragment per
/// group, in order. The fragments are shared with the cache that keeps them, so serving the export copies nothing
/// until the bytes are written out.
public struct ExportBody: Sendable {
    /// Each group's part of the array, elements already joined by commas; groups that contribute nothing are left out.
    public let fragments: [Data]
    /// The length of the whole document: brackets, fragments and the commas between them.
    public let count: Int
    /// How many groups' fragments the build that made this body wrote; the others were kept from earlier builds.
    public let rewritten: Int

    init(fragments: [Data], rewritten: Int) {
        self.fragments = fragments
        self.rewritten = rewritten
        count = fragments.reduce(2) { $0 + $1.count } + max(fragments.count - 1, 0)
    }

    /// The document's bytes in order, in pieces of about `size` bytes, for writing it out without holding it twice.
    public func chunks(of size: Int = 64 << 10, _ write: (Data) async throws -> Void) async rethrows {
        var chunk = Data("[".utf8)
        chunk.reserveCapacity(size)
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { chunk.append(UInt8(ascii: ",")) }
            chunk.append(fragment)
            if chunk.count >= size {
                try await write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(UInt8(ascii: "]"))
        try await write(chunk)
    }

    /// The whole document in one piece.
    public func joined() -> Data {
        var data = Data("[".utf8)
        data.reserveCapacity(count)
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(fragment)
        }
        data.append(UInt8(ascii: "]"))
        return data
    }
}
