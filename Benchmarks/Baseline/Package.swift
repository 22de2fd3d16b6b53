// swift-tools-version: 6.1
// The HTTP ceiling for Quire's read benchmarks: the same web framework (Hummingbird 2.28.1,
// on SwiftNIO) answering one route with a small constant JSON body. Whatever Quire's read
// routes lose against this is Quire's own cost (routing, index lookups, JSON encoding).
// Built by Benchmarks/run.sh with its own --scratch-path so it never waits on the main
// package's .build lock; the first build compiles SwiftNIO again (minutes on 2 cores).
import PackageDescription

let package = Package(
    name: "Baseline",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "baseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/Baseline"
        ),
    ]
)
