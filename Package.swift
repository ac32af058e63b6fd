// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ChorusFeed", targets: ["ChorusFeed"]),
        .library(name: "ChorusCharter", targets: ["ChorusCharter"]),
        .library(name: "ChorusRegistry", targets: ["ChorusRegistry"]),
        .library(name: "ChorusServer", targets: ["ChorusServer"]),
        .executable(name: "chorus", targets: ["chorus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // gzip for responses: a small, maintained zlib binding over NIO's ByteBuffer.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The console's sessions (cookie, storage behind Hummingbird's PersistDriver, authenticator) and bcrypt for
        // passphrases: Hummingbird's own maintained auth package, rather than session and hashing code of ours.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Already in the graph through Hummingbird; named because the server's connection limits are a NIO handler.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // multipart/form-data, for charter files a volunteer uploads in the console: Vapor's maintained streaming
        // parser, rather than boundary scanning of our own on bodies a stranger can send.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ChorusFeed",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, for secret keys encrypted the way minisign encrypts them.
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Interface languages: gettext catalogs, CLDR plural rules, Accept-Language negotiation. Depends on nothing.
        .target(
            name: "ChorusLanguage",
            resources: [.copy("Catalogs")]
        ),
        .target(
            name: "ChorusCharter",
            dependencies: ["ChorusFeed"]
        ),
        .target(
            name: "ChorusRegistry",
            dependencies: [
                "ChorusFeed",
                "ChorusCharter",
                "ChorusLanguage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "ChorusServer",
            dependencies: [
                "ChorusFeed",
                "ChorusLanguage",
                "ChorusRegistry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Assets"), .copy("OpenAPI")]
        ),
        .executableTarget(
            name: "chorus",
            dependencies: [
                "ChorusFeed",
                "ChorusLanguage",
                "ChorusCharter",
                "ChorusRegistry",
                "ChorusServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "chorus-benchmark",
            dependencies: [
                "ChorusFeed",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "chorus-directory-benchmark",
            dependencies: [
                "ChorusFeed",
                "ChorusRegistry",
                "ChorusServer",
                "ChorusTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "chorus-charter-benchmark",
            dependencies: [
                "ChorusFeed",
                "ChorusCharter",
                "ChorusRegistry",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "chorus-harvest-benchmark",
            dependencies: [
                "ChorusFeed",
                "ChorusRegistry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // libFuzzer targets for the inputs strangers control; `Tests/Fuzz/run` builds them with -sanitize=fuzzer,address.
        .executableTarget(
            name: "chorus-fuzz",
            dependencies: ["ChorusFeed", "ChorusCharter", "ChorusRegistry", "ChorusServer"]
        ),
        .testTarget(
            name: "ChorusLanguageTests",
            dependencies: ["ChorusLanguage"]
        ),
        .testTarget(
            name: "ChorusFeedTests",
            dependencies: ["ChorusFeed", "CLibXML2"]
        ),
        .target(
            name: "ChorusTestSupport",
            dependencies: [
                "ChorusFeed",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/ChorusTestSupport"
        ),
        .testTarget(
            name: "ChorusCharterTests",
            dependencies: ["ChorusFeed", "ChorusCharter", "ChorusTestSupport", "chorus"]
        ),
        .testTarget(
            name: "ChorusCLITests",
            dependencies: ["ChorusFeed", "ChorusTestSupport", "chorus"]
        ),
        .testTarget(
            name: "ChorusRegistryTests",
            dependencies: [
                "ChorusFeed", "ChorusRegistry", "ChorusServer", "ChorusTestSupport", "chorus",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
