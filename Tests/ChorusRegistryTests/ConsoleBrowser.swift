import AsyncHTTPClient
import Foundation
import NIOCore

/// A client that does not follow redirects, so a test sees each 303 and each `Set-Cookie`.
let consoleHTTPClient = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: .init(redirectConfiguration: .disallow, decompression: .disabled))

/// One browser's view of the console: the session cookie it holds, sent back as a browser would.
final class ConsoleBrowser: @unchecked Sendable {
    struct Answer {
        let status: Int
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var setCookies: [String] { headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1) }
        var location: String? { header("location") }
    }

    let base: String
    private let lock = NSLock()
    private var storedCookie: String?

    init(_ base: String) { self.base = base }

    var cookie: String? {
        get { lock.withLock { storedCookie } }
        set { lock.withLock { storedCookie = newValue } }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send("GET", path, body: nil, headers: headers)
    }

    /// A form post, from this site unless `origin` says otherwise.
    func post(_ path: String, _ fields: [String: String], origin: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var headers = headers
        headers["Origin"] = origin ?? base
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send("POST", path, body: Data(body.utf8), headers: headers)
    }

    /// A form with files, as a browser sends `enctype="multipart/form-data"`; `truncate` drops that many bytes
    /// from the end, as a connection cut short would.
    func postFiles(_ path: String, _ fields: [String: String], files: [String: (filename: String, content: Data)], truncate: Int = 0) async throws -> Answer {
        let boundary = "----chorus\(UInt64.random(in: 0...UInt64.max))"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, file) in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send("POST", path, body: body.dropLast(truncate), headers: ["Origin": base, "Content-Type": "multipart/form-data; boundary=\(boundary)"])
    }

    /// The CSRF token the page's forms carry.
    func csrf(_ path: String = "/console") async throws -> String {
        var answer = try await get(path)
        if answer.status == 303, let location = answer.location { answer = try await get(location) }
        guard let range = answer.body.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return "" }
        return String(answer.body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    private func send(_ method: String, _ path: String, body: Data?, headers: [String: String]) async throws -> Answer {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let cookie { request.headers.add(name: "Cookie", value: "__Host-chorus-console=\(cookie)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await consoleHTTPClient.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 16 << 20)
        let answer = Answer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: collected))
        for set in answer.setCookies where set.hasPrefix("__Host-chorus-console=") {
            let value = set.dropFirst("__Host-chorus-console=".count).prefix { $0 != ";" }
            let expired = set.range(of: #"Expires=[^;]*"#, options: .regularExpression).flatMap { range -> Date? in
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
                return formatter.date(from: String(set[range].dropFirst("Expires=".count)))
            }.map { $0 <= Date() } ?? false
            cookie = expired ? nil : String(value)
        }
        return answer
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
