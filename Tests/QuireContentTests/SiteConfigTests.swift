import Testing
@testable import QuireContent

private func load(_ text: String) -> (config: SiteConfig, problems: [Problem]) {
    SiteConfig.load(Array(text.utf8))
}

@Suite struct SiteConfigTests {
    @Test func missingFileGivesDefaults() {
        let (config, problems) = SiteConfig.load(nil)
        #expect(config == SiteConfig(locales: ["en"], defaultLocale: "en", publicPermissions: [:]))
        #expect(problems.isEmpty)
        #expect(load("").config.locales == ["en"])
    }

    @Test func readsTheContractExample() {
        let (config, problems) = load("""
            locales: [en, fr]
            defaultLocale: fr
            permissions:
              public:
                article: [find, findOne]
                author:
                  - find
            cors: { origins: ["*"] }
            webhooks: []
            """)
        #expect(problems.isEmpty)
        #expect(config.locales == ["en", "fr"])
        #expect(config.defaultLocale == "fr")
        #expect(config.publicPermissions == ["article": ["find", "findOne"], "author": ["find"]])
    }

    @Test func defaultLocaleIsTheFirstLocale() {
        #expect(load("locales: [de, en]").config.defaultLocale == "de")
    }

    @Test func localeCodesAreReadAsWritten() {
        // `no` (Norwegian) would be a boolean to an implicitly typing reader.
        #expect(load("locales: [no, pt-BR]").config.locales == ["no", "pt-BR"])
    }

    @Test func reportsProblemsWithLines() {
        let (config, problems) = load("""
            locales: [en, fr]
            defaultLocale: de
            permissions:
              public:
                article: [find, destroy]
            """)
        #expect(config.defaultLocale == "en")
        #expect(config.publicPermissions == ["article": ["find"]])
        #expect(problems.map(\.line) == [2, 5])
        #expect(problems[0].message.contains("defaultLocale 'de'"))
        #expect(problems[1].message.contains("unknown action 'destroy'"))
    }

    @Test func reportsBadShapes() {
        let (config, problems) = load("locales: en\npermissions: [find]\n")
        #expect(config.locales == ["en"])
        #expect(problems.map(\.line) == [1, 2])
        #expect(load("locales: [en, 'a/b']\n").problems.first?.message.contains("locale 'a/b'") == true)
        #expect(load("locales: []\n").problems.count == 1)
    }

    @Test func syntaxErrorsAreReported() {
        let (config, problems) = load("locales: [en\n")
        #expect(config == SiteConfig())
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(load("- a\n- b\n").problems.first?.message.contains("mapping") == true)
    }
}
