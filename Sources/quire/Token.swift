import ArgumentParser
import Foundation
import QuireAPI
import QuireContent
import QuireGit

extension Quire {
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage API tokens (also Apostrophe API keys).", subcommands: [Create.self, List.self, Revoke.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create an API token; prints it once, on the last line. Only its hash is stored.")

            @OptionGroup var options: RepositoryOptions

            @Option(help: "A name for the token: the author of the commits made with it.")
            var name: String

            @Option(help: "full-access, read-only or custom (with --permission or --role).")
            var access: TokenStore.Access

            @Option(name: .customLong("permission"), help: "custom: TYPE:ACTION,ACTION (TYPE may be *), repeatable, e.g. article:find,findOne.")
            var permissions: [String] = []

            @Option(help: "custom: act as this role of quire.yaml (an Apostrophe API key).")
            var role: String?

            @Option(help: "Expire after this long: 7d, 30d, 90d, 12h (default: never).")
            var expires: String?

            func validate() throws {
                guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"#, options: .regularExpression) != nil else {
                    throw ValidationError("a token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores")
                }
                if access == .custom {
                    guard permissions.isEmpty != (role == nil) else {
                        throw ValidationError("a custom token takes --permission (one or more) or --role, not both")
                    }
                } else if !permissions.isEmpty || role != nil {
                    throw ValidationError("--permission and --role need --access custom")
                }
                _ = try parsedPermissions()
                if let expires, AuthSettings.seconds(expires) == nil {
                    throw ValidationError("--expires takes a duration such as 30d, 12h or 3600")
                }
            }

            func run() async throws {
                if let role { try await UserAdmin.checkRole(role, options: options) }
                let repository = try Repository.open(at: options.repo)
                let expiresAt = expires.flatMap(AuthSettings.seconds).map { Date().addingTimeInterval(TimeInterval($0)) }
                let secret = try await TokenStore(gitDirectory: repository.gitDirectory).create(
                    name: name, access: access, permissions: try parsedPermissions(), role: role, expiresAt: expiresAt)
                print("Created \(access.rawValue) token '\(name)'. It is shown only once:")
                print(secret)
            }

            private func parsedPermissions() throws -> [String: [String]]? {
                guard !permissions.isEmpty else { return nil }
                var table: [String: [String]] = [:]
                for entry in permissions {
                    let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                    let actions = parts.count == 2 ? parts[1].split(separator: ",").map(String.init) : []
                    guard parts.count == 2, !actions.isEmpty, actions.allSatisfy({ SiteConfig.actions.contains($0) }) else {
                        throw ValidationError("--permission \(entry): expected TYPE:ACTION[,ACTION] with actions from \(SiteConfig.actions.joined(separator: ", "))")
                    }
                    table[parts[0], default: []].append(contentsOf: actions)
                }
                return table
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the tokens (never their secrets); \"last used\" is as this server's repository recorded it.")
            @OptionGroup var options: RepositoryOptions

            func run() async throws {
                let store = TokenStore(gitDirectory: try Repository.open(at: options.repo).gitDirectory)
                let lastUsed = store.lastUsed()
                print(["name", "access", "grants", "created", "expires", "last used"].joined(separator: "\t"))
                for token in try await store.tokens() {
                    let grants = token.role.map { "role \($0)" }
                        ?? token.permissions.map { $0.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.joined(separator: ","))" }.joined(separator: " ") }
                        ?? "-"
                    print([token.name, token.access.rawValue, grants, Self.day(token.createdAt),
                           token.expiresAt.map(Self.day) ?? "never", lastUsed[token.id].map(Self.day) ?? "never"].joined(separator: "\t"))
                }
            }

            static func day(_ date: Date) -> String {
                ISO8601DateFormatter().string(from: date)
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Revoke a token: a server on this repository refuses it at once, the other servers of the site after their next fetch.")
            @OptionGroup var options: RepositoryOptions
            @Option(help: "The token's name.") var name: String

            func run() async throws {
                let store = TokenStore(gitDirectory: try Repository.open(at: options.repo).gitDirectory)
                guard try await store.revoke(name: name) else { throw CommandFailure("no token named '\(name)'") }
                print("Revoked token '\(name)'.")
            }
        }
    }
}

extension TokenStore.Access: ExpressibleByArgument {}
