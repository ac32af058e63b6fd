import ChorusLanguage

/// gettext's `Plural-Forms` header (a C expression in `n`), evaluated as gettext does: for checking that each
/// catalog's header agrees with the CLDR rules the server uses.
struct PluralFormsExpression {
    struct Failure: Error {}

    indirect enum Node {
        case number(Int), n
        case not(Node)
        case binary(String, Node, Node)
        case choice(Node, Node, Node)
    }

    let count: Int
    let root: Node

    init(_ header: String) throws {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let plurals = parts.first(where: { $0.hasPrefix("nplurals=") }), let count = Int(plurals.dropFirst(9)),
              let plural = parts.first(where: { $0.hasPrefix("plural=") }) else { throw Failure() }
        self.count = count
        var parser = Parser(tokens: try Self.tokens(String(plural.dropFirst(7))))
        root = try parser.expression()
        guard parser.position == parser.tokens.count else { throw Failure() }
    }

    func index(_ number: Int) -> Int { Self.evaluate(root, number) }

    static func evaluate(_ node: Node, _ n: Int) -> Int {
        switch node {
        case .number(let value): return value
        case .n: return n
        case .not(let inner): return evaluate(inner, n) == 0 ? 1 : 0
        case .choice(let test, let yes, let no): return evaluate(test, n) != 0 ? evaluate(yes, n) : evaluate(no, n)
        case .binary(let op, let left, let right):
            let a = evaluate(left, n), b = evaluate(right, n)
            switch op {
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "&&": return a != 0 && b != 0 ? 1 : 0
            case "||": return a != 0 || b != 0 ? 1 : 0
            case "%": return b == 0 ? 0 : a % b
            default: return 0
            }
        }
    }

    static func tokens(_ text: String) throws -> [String] {
        var tokens: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace { index = text.index(after: index); continue }
            if character.isNumber {
                let digits = text[index...].prefix { $0.isNumber }
                tokens.append(String(digits)); index = digits.endIndex; continue
            }
            let two = String(text[index...].prefix(2))
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) { tokens.append(two); index = text.index(index, offsetBy: 2); continue }
            guard "n()?:%<>!".contains(character) else { throw Failure() }
            tokens.append(String(character)); index = text.index(after: index)
        }
        return tokens
    }

    struct Parser {
        let tokens: [String]
        var position = 0

        mutating func next() -> String? { position < tokens.count ? tokens[position] : nil }

        mutating func expression() throws -> Node {
            let test = try binary(0)
            guard next() == "?" else { return test }
            position += 1
            let yes = try expression()
            guard next() == ":" else { throw Failure() }
            position += 1
            return .choice(test, yes, try expression())
        }

        static let levels: [[String]] = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["%"]]

        mutating func binary(_ level: Int) throws -> Node {
            guard level < Self.levels.count else { return try unary() }
            var left = try binary(level + 1)
            while let op = next(), Self.levels[level].contains(op) {
                position += 1
                left = .binary(op, left, try binary(level + 1))
            }
            return left
        }

        mutating func unary() throws -> Node {
            guard let token = next() else { throw Failure() }
            position += 1
            switch token {
            case "!": return .not(try unary())
            case "n": return .n
            case "(":
                let inner = try expression()
                guard next() == ")" else { throw Failure() }
                position += 1
                return inner
            default:
                guard let value = Int(token) else { throw Failure() }
                return .number(value)
            }
        }
    }
}
