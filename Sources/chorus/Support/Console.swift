import ArgumentParser
import ChorusFeed
import Foundation

/// Output for people: results to standard output, problems as one line each to standard error.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("chorus: " + message + "\n").utf8))
    }

    static func errorLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Stops the command with a one-line message and an exit status.
    static func fail(_ message: String, code: Int32 = 1) -> ExitCode {
        error(message)
        return ExitCode(code)
    }
}

enum Files {
    /// Reads a feed file that must be free of errors; otherwise stops with its first error, located.
    static func readFeed(_ path: String) throws -> (bytes: Data, feed: GroupFeed) {
        let bytes = try read(path)
        do { return (bytes, try FeedReader.read(bytes)) } catch {
            throw Console.fail(error.located(in: path))
        }
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Console.fail("cannot read \(path): \((error as NSError).localizedFailureReason ?? "no such file or not readable")")
        }
    }

    static func readText(_ path: String) throws -> String {
        let data = try read(path)
        guard let text = String(data: data, encoding: .utf8) else { throw Console.fail("\(path) is not UTF-8 text") }
        return text
    }

    /// Writes a new file and refuses to replace an existing one.
    static func create(_ path: String, _ contents: Data, mode: Int = 0o644) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode_t(mode))
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Console.fail("\(path) already exists; not overwriting it") }
            throw Console.fail("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: contents)
    }

    /// Replaces a file atomically: the old one stays whole until the new one is complete.
    static func replace(_ path: String, _ contents: Data) throws {
        do {
            try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Console.fail("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// Reads `90d`, `12h`, `30m` or `2w` as seconds.
struct DurationArgument: ExpressibleByArgument {
    let seconds: TimeInterval

    init?(argument: String) {
        guard let unit = argument.last, let value = Double(argument.dropLast()), value > 0 else { return nil }
        let scale: Double
        switch unit {
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        default: return nil
        }
        seconds = value * scale
    }
}

/// An RFC 3339 instant given on the command line, for `--now`.
struct InstantArgument: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        guard let date = Timestamp.parse(argument) else { return nil }
        self.date = date
    }
}

enum FeedSigning {
    /// Signs a feed file's bytes with a secret key file and writes FILE.minisig beside it.
    static func sign(file: String, bytes: Data, feed: GroupFeed, keyPath: String, seq: UInt64?, expires: TimeInterval,
                     now: Date = Date()) throws -> (claim: FeedClaim, keyID: String) {
        let secretKey = try KeyPassphrase.openSecretKey(keyPath)
        let claim = FeedClaim(groupID: feed.id, sequence: seq ?? UInt64(now.timeIntervalSince1970), expires: now.addingTimeInterval(expires))
        let signature = try FeedSigner.sign(bytes, with: secretKey, claim: claim)
        try Files.replace(file + ".minisig", Data(signature.fileContents.utf8))
        return (claim, secretKey.publicKey.keyIDHex)
    }
}
