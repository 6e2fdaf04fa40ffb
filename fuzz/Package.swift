// swift-tools-version:6.0
// libFuzzer harness for the parsers that take outside input (fuzz/README.md). A package of its own so
// that its instrumented build (`-sanitize=fuzzer`) never touches the product's build; it compiles the
// domain module from the same sources (Sources/GongkaiDomain is a link to ../Sources/GongkaiDomain).
import PackageDescription

let package = Package(
    name: "GongkaiFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "GongkaiDomain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/holidays-cn.csv")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "gongkai-fuzz",
            dependencies: ["GongkaiDomain"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
