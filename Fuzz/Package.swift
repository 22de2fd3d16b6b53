// swift-tools-version: 6.1
// libFuzzer targets for Quire's parsers of untrusted input. A package of its own, so that the
// sanitized build (`make fuzz`) never slows `make test`: see Fuzz/run.sh and README.md.
import PackageDescription

func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies)
}

let package = Package(
    name: "QuireFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Quire", path: ".."),
        // Only for building a request for the multipart reader; the versions are the main package's.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libFuzzer's driver entry point; its runtime comes with `-sanitize=fuzzer`.
        .systemLibrary(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "QuireContent", package: "Quire")]),
        fuzzTarget("fuzz-json", [.product(name: "QuireContent", package: "Quire")]),
        fuzzTarget("fuzz-document", [.product(name: "QuireContent", package: "Quire")]),
        fuzzTarget("fuzz-html", [.product(name: "QuireContent", package: "Quire")]),
        fuzzTarget("fuzz-strapi-query", [
            .product(name: "QuireAPI", package: "Quire"),
            .product(name: "QuireContent", package: "Quire"),
        ]),
        fuzzTarget("fuzz-multipart", [
            .product(name: "QuireAPI", package: "Quire"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
    ]
)
