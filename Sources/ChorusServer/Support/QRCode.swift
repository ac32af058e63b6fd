/// A QR code (ISO/IEC 18004) of a short text, for the printed flyer's link to a group page: byte mode, error
/// correction level M (about 15% of the symbol can be lost), versions 1 to 10 (up to 213 bytes), the mask with the
/// lowest penalty. No maintained QR library is in the package mirror; the tests read every version back with a real
/// decoder (zbarimg).
struct QRCode: Sendable {
    struct TooLong: Error, CustomStringConvertible {
        let bytes: Int
        var description: String { "\(bytes) bytes is more than a version 10 QR code holds at level M (213)" }
    }

    /// Modules per side, without the quiet zone.
    let size: Int
    let version: Int
    /// `modules[row][column]`, true for dark.
    private(set) var modules: [[Bool]]
    private var isFunction: [[Bool]]

    /// Per version at level M: all codewords, error correction codewords per block, and blocks.
    private static let levelM: [(total: Int, ecc: Int, blocks: Int)] = [
        (26, 10, 1), (44, 16, 1), (70, 26, 1), (100, 18, 2), (134, 24, 2),
        (172, 16, 4), (196, 18, 4), (242, 22, 4), (292, 22, 5), (346, 26, 5),
    ]
    private static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.dataCapacity($0) >= 4 + ($0 < 10 ? 8 : 16) + bytes.count * 8 }) else {
            throw TooLong(bytes: bytes.count)
        }
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
        drawFunctionPatterns()
        let codewords = Self.interleaved(Self.dataCodewords(bytes, version: version), version: version)
        drawCodewords(codewords)
        var best: (mask: Int, penalty: Int)?
        for mask in 0..<8 {
            applyMask(mask)
            drawFormatBits(mask)
            let penalty = penaltyScore()
            if best == nil || penalty < best!.penalty { best = (mask, penalty) }
            applyMask(mask)
        }
        applyMask(best!.mask)
        drawFormatBits(best!.mask)
    }

    /// An SVG drawing of the code with a quiet zone of four modules, dark on light, one unit per module.
    func svg(label: String) -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            for column in 0..<size where modules[row][column] { path += "M\(column + 4),\(row + 4)h1v1h-1z" }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(label)\" "
            + "shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: Data

    private static func dataCapacity(_ version: Int) -> Int {
        let entry = levelM[version - 1]
        return (entry.total - entry.ecc * entry.blocks) * 8
    }

    private static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = dataCapacity(version)
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The data split into blocks, each with its error correction, interleaved as the symbol carries them.
    private static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let entry = levelM[version - 1]
        let shortLength = entry.total / entry.blocks
        let shortBlocks = entry.blocks - entry.total % entry.blocks
        let divisor = ReedSolomon.divisor(degree: entry.ecc)
        var blocks: [(data: [UInt8], ecc: [UInt8])] = []
        var start = 0
        for index in 0..<entry.blocks {
            let length = shortLength - entry.ecc + (index < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            blocks.append((block, ReedSolomon.remainder(block, divisor: divisor)))
        }
        var result: [UInt8] = []
        for index in 0..<(shortLength - entry.ecc + 1) {
            for block in blocks where index < block.data.count { result.append(block.data[index]) }
        }
        for index in 0..<entry.ecc {
            for block in blocks { result.append(block.ecc[index]) }
        }
        return result
    }

    // MARK: Drawing

    private mutating func set(_ column: Int, _ row: Int, _ dark: Bool) {
        modules[row][column] = dark
        isFunction[row][column] = true
    }

    private mutating func drawFunctionPatterns() {
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        for (column, row) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = column + dx, y = row + dy
                    guard x >= 0, x < size, y >= 0, y < size else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(x, y, distance != 2 && distance != 4)
                }
            }
        }
        let positions = Self.alignment[version - 1]
        for row in positions {
            for column in positions {
                let last = positions.count - 1
                if (row == positions[0] && column == positions[0]) || (row == positions[0] && column == positions[last])
                    || (row == positions[last] && column == positions[0]) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(column + dx, row + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormatBits(0)
        drawVersion()
    }

    private mutating func drawFormatBits(_ mask: Int) {
        let data = mask  // level M's two bits are 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(8, index, bit(index)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for index in 9..<15 { set(14 - index, 8, bit(index)) }
        for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
        set(8, size - 8, true)
    }

    private mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            set(a, b, dark)
            set(b, a, dark)
        }
    }

    /// The codewords' bits in the zigzag order: two columns at a time from the right, up then down, around column 6.
    private mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                for offset in 0..<2 {
                    let column = right - offset
                    let upward = (right + 1) & 2 == 0
                    let row = upward ? size - 1 - step : step
                    guard !isFunction[row][column], index < total else { continue }
                    modules[row][column] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    private mutating func applyMask(_ mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row][column] {
                let flip: Bool = switch mask {
                case 0: (row + column) % 2 == 0
                case 1: row % 2 == 0
                case 2: column % 3 == 0
                case 3: (row + column) % 3 == 0
                case 4: (row / 2 + column / 3) % 2 == 0
                case 5: (row * column) % 2 + (row * column) % 3 == 0
                case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
                default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
                }
                if flip { modules[row][column].toggle() }
            }
        }
    }

    // MARK: Choosing the mask

    /// The standard's four penalties: runs of five or more, 2×2 blocks, finder-like patterns, and dark balance.
    private func penaltyScore() -> Int {
        var score = 0
        let lines = modules + (0..<size).map { column in (0..<size).map { modules[$0][column] } }
        let finderLike: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                    [false, false, false, false, true, false, true, true, true, false, true]]
        for line in lines {
            var run = 1
            for index in 1..<size {
                if line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            if run >= 5 { score += 3 + run - 5 }
            for start in 0...(size - 11) {
                for pattern in finderLike where Array(line[start..<start + 11]) == pattern { score += 40 }
            }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = modules[row][column]
                if modules[row][column + 1] == colour && modules[row + 1][column] == colour && modules[row + 1][column + 1] == colour { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        let imbalance = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        score += max(0, imbalance) * 10
        return score
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR code's polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: Int, _ y: Int) -> Int {
        var product = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= ((y >> shift) & 1) * x
        }
        return product
    }

    /// The generator polynomial of a degree, highest coefficient (always 1) left out.
    static func divisor(degree: Int) -> [Int] {
        var result = Array(repeating: 0, count: degree)
        result[degree - 1] = 1
        var root = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [Int]) -> [UInt8] {
        var result = Array(repeating: 0, count: divisor.count)
        for byte in data {
            let factor = Int(byte) ^ result.removeFirst()
            result.append(0)
            for index in 0..<result.count { result[index] ^= multiply(divisor[index], factor) }
        }
        return result.map { UInt8($0) }
    }
}
