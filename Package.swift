// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let testSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Quire",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quire", targets: ["quire"]),
        .library(name: "QuireAPI", targets: ["QuireAPI"]),
        // For the fuzz targets in Fuzz/, a package of their own.
        .library(name: "QuireContent", targets: ["QuireContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // Already resolved through async-http-client; named for SMTP over TLS.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CGumbo",
            pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "QuireGit",
            dependencies: ["CGit2", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuireContent",
            dependencies: [
                "QuireGit",
                "CGumbo",
                "CVips",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuireIndex",
            dependencies: [
                "QuireContent",
                "QuireGit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        // The live site: the write queue, sync, watch, remote, events. Reaches into the index
        // through `package` declarations only.
        .target(
            name: "QuireSite",
            dependencies: [
                "QuireIndex",
                "QuireContent",
                "QuireGit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuireAPI",
            dependencies: [
                "QuireSite",
                "QuireIndex",
                "QuireContent",
                "QuireGit",
                "CZlib",
                // Only for FileStamp's `stat`, which glib's headers declare too.
                "CVips",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ],
            // The review desk (/review): compiled into the binary, nothing to install beside it.
            resources: ["index.html", "desk.css", "desk.js", "api.js", "dom.js", "render.js", "live.js", "queue.js",
                        "draft.js", "releases.js", "history.js", "health.js"].map { .embedInCode("Desk/Assets/\($0)") },
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "quire",
            dependencies: [
                "QuireAPI",
                "QuireSite",
                "QuireIndex",
                "QuireContent",
                "QuireGit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuireGitTests",
            dependencies: ["QuireGit", "CGit2"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "QuireContentTests",
            dependencies: ["QuireContent", .product(name: "Yams", package: "Yams")],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "QuireIndexTests",
            dependencies: ["QuireSite", "QuireIndex", "QuireContent", "QuireGit"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "QuireAPITests",
            dependencies: [
                "QuireAPI",
                "QuireSite",
                "QuireIndex",
                "QuireContent",
                "QuireGit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: testSwiftSettings
        ),
    ]
)
