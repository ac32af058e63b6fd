// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ChorusFeed", targets: ["ChorusFeed"]),
        .executable(name: "chorus", targets: ["chorus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
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
            ]
        ),
        .executableTarget(
            name: "chorus",
            dependencies: [
                "ChorusFeed",
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
        .testTarget(
            name: "ChorusFeedTests",
            dependencies: ["ChorusFeed", "CLibXML2"]
        ),
        .testTarget(
            name: "ChorusCLITests",
            dependencies: ["ChorusFeed", "chorus"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
