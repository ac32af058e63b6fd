import AsyncHTTPClient
import ArgumentParser
import ChorusCharter
import ChorusFeed
import Foundation

/// Loads a charter from a file or an https:// URL, checking it and, given the network's key, its signature.
enum CharterSource {
    struct Loaded {
        let charter: Charter
        let bytes: Data
        let signature: String?
    }

    /// Every problem of one charter, each already a `LOCATION:LINE: error: CODE: message` line.
    struct Failure: Error {
        let lines: [String]
    }

    static func loadOrFail(_ location: String, publicKey: String?) async throws -> Loaded {
        do { return try await load(location, publicKey: publicKey) } catch let failure as Failure {
            for line in failure.lines.dropLast() { Console.errorLine(line) }
            throw Console.fail(failure.lines.last ?? "\(location): the charter could not be read")
        }
    }

    static func load(_ location: String, publicKey: String?) async throws -> Loaded {
        let isURL = location.lowercased().hasPrefix("https://") || location.lowercased().hasPrefix("http://")
        let bytes: Data
        var signature: String?
        if isURL {
            bytes = try await fetch(location)
            signature = publicKey == nil ? nil : String(decoding: try await fetch(location + ".minisig"), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: location) else {
                throw Failure(lines: ["\(location): error: file.unreadable: cannot read the file"])
            }
            bytes = data
            if publicKey != nil {
                guard let text = FileManager.default.contents(atPath: location + ".minisig") else {
                    throw Failure(lines: ["\(location).minisig: error: file.unreadable: no signature beside the charter"])
                }
                signature = String(decoding: text, as: UTF8.self)
            }
        }
        let report = CharterReader.check(bytes)
        guard let charter = report.charter else {
            throw Failure(lines: report.problems.map { $0.located(in: location) })
        }
        if let publicKey, let signature {
            let key: MinisignPublicKey
            do { key = try MinisignPublicKey(fileContents: try Files.readText(publicKey)) } catch let error as SignatureError {
                throw Failure(lines: ["\(publicKey): error: \(error.code.rawValue): \(error.message)"])
            }
            do { _ = try SignedCharterReader.read(bytes, signatureFile: signature, publicKey: key) } catch {
                throw Failure(lines: ["\(location).minisig: error: \(error.description)"])
            }
        }
        return Loaded(charter: charter, bytes: bytes, signature: signature)
    }

    private static func fetch(_ url: String) async throws -> Data {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(20))
            guard response.status == .ok else {
                throw Failure(lines: ["\(url): error: fetch.status: HTTP \(response.status.code)"])
            }
            let body = try await response.body.collect(upTo: CharterReader.maximumBytes)
            return Data(body.readableBytesView)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(lines: ["\(url): error: fetch.failed: \(error)"])
        }
    }
}
