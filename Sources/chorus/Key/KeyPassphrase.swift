import ChorusFeed
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Passphrases for secret key files: asked at the terminal without echo, or read as the first line of standard
/// input when that is not a terminal, as minisign reads them.
enum KeyPassphrase {
    /// Opens a secret key file, asking for its passphrase only when it is protected by one.
    static func openSecretKey(_ path: String) throws -> MinisignSecretKey {
        let text = try Files.readText(path)
        let passphrase = MinisignSecretKey.isProtected(fileContents: text) ? try ask("Passphrase for \(path): ") : nil
        do { return try MinisignSecretKey(fileContents: text, passphrase: passphrase) } catch {
            throw Console.fail("\(path): \(error.message)")
        }
    }

    /// A new passphrase: asked twice at a terminal, once from a pipe.
    static func choose() throws -> String {
        let passphrase = try ask("Passphrase for the new secret key: ")
        guard passphrase.count >= 8 else { throw Console.fail("a key's passphrase needs at least 8 characters") }
        if isatty(STDIN_FILENO) == 1, try ask("The same passphrase again: ") != passphrase {
            throw Console.fail("the two passphrases differ; nothing was written")
        }
        return passphrase
    }

    static func ask(_ prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else {
            throw Console.fail("no passphrase was given: standard input ended")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
