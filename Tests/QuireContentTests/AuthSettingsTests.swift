import Testing
@testable import QuireContent

/// Roles under `permissions:` and sign-in settings under `auth:` in quire.yaml.
@Suite struct AuthSettingsTests {
    @Test func rolesAndAuthSettingsAreRead() {
        let (config, problems) = SiteConfig.load(Array("""
            permissions:
              public:
                article: [find]
              authenticated:
                article: [find, findOne, create]
              reviewer:
                "*": [find, findOne, view-draft]
            auth:
              register: true
              defaultRole: reviewer
              jwtLifetime: 12h
              bearerLifetime: 3600
              cookieName: mysite
            """.utf8))
        #expect(problems.isEmpty)
        #expect(config.publicPermissions == ["article": ["find"]])
        #expect(config.rolePermissions["authenticated"] == ["article": ["find", "findOne", "create"]])
        #expect(config.rolePermissions["reviewer"] == ["*": ["find", "findOne", "view-draft"]])
        #expect(config.auth.allowRegister)
        #expect(config.auth.defaultRole == "reviewer")
        #expect(config.auth.jwtLifetime == 12 * 3600)
        #expect(config.auth.bearerLifetime == 3600)
        #expect(config.auth.cookieName == "mysite")
    }

    @Test func defaultsAndMistakes() {
        #expect(SiteConfig.load(nil).config.auth == AuthSettings())
        #expect(AuthSettings().jwtLifetime == 30 * 86400 && AuthSettings().bearerLifetime == 14 * 86400)
        let (config, problems) = SiteConfig.load(Array("""
            permissions:
              editor:
                article: [find, destroy]
            auth:
              register: maybe
              jwtLifetime: soon
              cookieName: "bad name;"
            """.utf8))
        #expect(config.rolePermissions["editor"] == ["article": ["find"]])
        #expect(config.auth == AuthSettings())
        #expect(problems.map(\.line) == [3, 5, 6, 7], "\(problems)")
        #expect(problems[0].message.contains("unknown action 'destroy'"))
    }
}
