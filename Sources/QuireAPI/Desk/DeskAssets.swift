/// The desk's files, embedded by SwiftPM (`resources: [.embedInCode(...)]` in Package.swift).
enum DeskAssets {
    struct File: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    static let page = File(contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html)

    static let files: [String: File] = {
        let scripts: [(String, [UInt8])] = [
            ("desk.js", PackageResources.desk_js), ("api.js", PackageResources.api_js), ("dom.js", PackageResources.dom_js),
            ("render.js", PackageResources.render_js), ("live.js", PackageResources.live_js), ("queue.js", PackageResources.queue_js),
            ("draft.js", PackageResources.draft_js), ("releases.js", PackageResources.releases_js),
            ("history.js", PackageResources.history_js), ("health.js", PackageResources.health_js),
        ]
        var files = Dictionary(uniqueKeysWithValues: scripts.map { ($0.0, File(contentType: "text/javascript; charset=utf-8", bytes: $0.1)) })
        files["desk.css"] = File(contentType: "text/css; charset=utf-8", bytes: PackageResources.desk_css)
        files["index.html"] = page
        return files
    }()
}
