// swift-tools-version:6.0
// libFuzzer harness for the parsers that take outside input (fuzz/README.md). A package of its own so
// that its instrumented build (`-sanitize=fuzzer`) never touches the product's build; it compiles the
// domain and formats modules from the same sources (Sources/GongkaiDomain and Sources/GongkaiFormats
// are links to ../Sources/GongkaiDomain and ../Sources/GongkaiFormats).
import PackageDescription

let package = Package(
    name: "GongkaiFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "GongkaiDomain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/holidays-cn.csv")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "GongkaiFormats",
            dependencies: [
                "GongkaiDomain",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "gongkai-fuzz",
            dependencies: ["GongkaiDomain", "GongkaiFormats"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
