import ArgumentParser
import Foundation
import QuireAPI
import QuireContent
import QuireGit

extension Quire {
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the users who sign in (kept in the private ref refs/quire/users, never on a content branch).",
            subcommands: [Add.self, List.self, SetRole.self, Block.self, Password.self, Remove.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a user. The password is read from standard input (one line), never from an argument.")

            @OptionGroup var options: RepositoryOptions
            @Argument(help: "The username (letters, digits, . _ - @).") var username: String
            @Option(help: "The user's email: the author email of their commits.") var email: String
            @Option(help: "A display name: the author name of their commits.") var name: String?
            @Option(help: "A role of quire.yaml, or a built-in one (authenticated, guest, contributor, editor, admin).")
            var role: String = "authenticated"

            func run() async throws {
                let store = try UserAdmin.store(options)
                try await UserAdmin.checkRole(role, options: options)
                let hash = await Passwords.hash(try UserAdmin.readPassword(), cost: Passwords.defaultCost)
                let (username, email, name, role) = (username, email, name, role)
                let user = try await UserAdmin.run {
                    try await store.update("Add a user") { state in
                        try state.add(username: username, email: email, displayName: name, role: role, passwordHash: hash)
                    }
                }
                print("Added \(user.username) (id \(user.id), role \(user.role)).")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the users (never their passwords).")
            @OptionGroup var options: RepositoryOptions

            func run() async throws {
                let users = try await UserAdmin.store(options).load().state.users
                print(["id", "username", "email", "name", "role", "status"].joined(separator: "\t"))
                for user in users {
                    print([String(user.id), user.username, user.email, user.displayName ?? "", user.role,
                           user.blocked ? "blocked" : "active"].joined(separator: "\t"))
                }
            }
        }

        struct SetRole: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Give a user another role.")
            @OptionGroup var options: RepositoryOptions
            @Argument(help: "Username or email.") var user: String
            @Argument(help: "The new role.") var role: String

            func run() async throws {
                try await UserAdmin.checkRole(role, options: options)
                let role = role
                try await UserAdmin.modify(user, options: options, message: "Change a user's role") { $0.role = role }
                print("\(user) now has the role \(role).")
            }
        }

        struct Block: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Block a user: every request with their tokens or sessions is refused at once.")
            @OptionGroup var options: RepositoryOptions
            @Argument(help: "Username or email.") var user: String
            @Flag(help: "Unblock instead.") var unblock = false

            func run() async throws {
                let blocked = !unblock
                try await UserAdmin.modify(user, options: options, message: blocked ? "Block a user" : "Unblock a user") { $0.blocked = blocked }
                print("\(user) is \(blocked ? "blocked" : "unblocked").")
            }
        }

        struct Password: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set-password",
                abstract: "Set a user's password (read from standard input); their tokens and sessions stop working.")
            @OptionGroup var options: RepositoryOptions
            @Argument(help: "Username or email.") var user: String

            func run() async throws {
                let hash = await Passwords.hash(try UserAdmin.readPassword(), cost: Passwords.defaultCost)
                try await UserAdmin.modify(user, options: options, message: "Change a user's password") { record in
                    record.setPassword(hash: hash)
                }
                print("Password changed for \(user); their tokens and sessions are revoked.")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a user (their commits keep their name).")
            @OptionGroup var options: RepositoryOptions
            @Argument(help: "Username or email.") var user: String

            func run() async throws {
                let store = try UserAdmin.store(options)
                let user = user
                try await UserAdmin.run {
                    try await store.update("Remove a user") { state in
                        guard let found = state.user(named: user) else { throw UserStoreError.noSuchUser(user) }
                        state.users.removeAll { $0.id == found.id }
                    }
                }
                print("Removed \(user).")
            }
        }
    }
}

/// What the user commands share.
enum UserAdmin {
    static func store(_ options: RepositoryOptions) throws -> UserStore {
        try UserStore(gitDirectory: try Repository.open(at: options.repo).gitDirectory)
    }

    static func modify(
        _ user: String, options: RepositoryOptions, message: String, _ change: @escaping @Sendable (inout UserRecord) -> Void
    ) async throws {
        let store = try store(options)
        try await run {
            try await store.update(message) { state in
                guard let index = state.users.firstIndex(where: { $0.username.lowercased() == user.lowercased() || $0.email.lowercased() == user.lowercased() })
                else { throw UserStoreError.noSuchUser(user) }
                change(&state.users[index])
                state.users[index].updatedAt = Date()
            }
        }
    }

    /// Store refusals as command-line errors (exit 1 with the reason), not stack traces.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as UserStoreError {
            throw CommandFailure(error.description)
        }
    }

    /// One line of standard input: a password never appears in `ps` or the shell's history.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | quire user add ...")
        }
        if let problem = Passwords.problem(line) { throw ValidationError(problem) }
        return line
    }

    /// Refuses a role that neither quire.yaml (on main) nor the built-ins define.
    static func checkRole(_ role: String, options: RepositoryOptions) async throws {
        let repository = try Repository.open(at: options.repo)
        var config = SiteConfig()
        if let main = try await repository.resolveReference("refs/heads/main") {
            let tree = try await repository.commit(main).tree
            if let entry = try await repository.entry(atPath: "quire.yaml", inTree: tree) {
                config = SiteConfig.load(try await repository.readBlob(entry.id)).config
            }
        }
        guard RolePermissions.isKnown(role, config: config) else {
            let declared = config.rolePermissions.keys.sorted()
            throw ValidationError("unknown role '\(role)': declare it under permissions: in quire.yaml (declared: \(declared.joined(separator: ", ")))")
        }
    }
}
