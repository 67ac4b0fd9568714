import Config
import Foundation
import Testing

struct SecretTests {
    static let yaml = """
        credentials:
          inline: { version: v2c, community: inline-community-1 }
          from-env: { version: v2c, community: { env: NW_TEST_COMMUNITY } }
          from-file: { version: v1, community: { file: community.txt } }
          interpolated: { version: v2c, community: "pre-${NW_TEST_PART}-post$$" }
          fallback: { version: v2c, community: "${NW_TEST_UNSET:-fallback-community-5}" }
          v3:
            version: v3
            user: alice
            auth_protocol: SHA-512
            auth_password: { env: NW_TEST_AUTH }
            priv_protocol: AES-256-C
            priv_password: priv-passphrase-7
        defaults:
          credentials: [inline]
        tenants:
          - name: t
            sites: [{ name: s, devices: [{ address: 10.0.0.1 }] }]
        notifications:
          channels:
            hook:
              type: webhook
              url: "https://hooks.example.net/${NW_TEST_HOOK}"
              headers: { Authorization: "Bearer header-token-8" }
            mail:
              type: email
              host: smtp.example.net
              user: nw
              password: { file: smtp.txt }
              from: nw@example.net
              to: [noc@example.net]
        store:
          backend: postgres
          postgres: { url: "postgres://nw:db-password-9@db/nw" }
        http:
          tokens: [{ name: api, token: { env: NW_TEST_TOKEN } }]
        listeners:
          traps: { communities: [trap-community-10] }
        """

    static let environment = [
        "NW_TEST_COMMUNITY": "env-community-2", "NW_TEST_PART": "part-4", "NW_TEST_AUTH": "auth-passphrase-6",
        "NW_TEST_HOOK": "hook-token-11", "NW_TEST_TOKEN": "api-token-0123456789-12",
    ]

    /// Every secret value above; none may appear in any rendering of the config.
    static let secretTexts = [
        "inline-community-1", "env-community-2", "file-community-3", "part-4", "fallback-community-5",
        "auth-passphrase-6", "priv-passphrase-7", "header-token-8", "db-password-9", "trap-community-10",
        "hook-token-11", "api-token-0123456789-12", "smtp-password-13",
    ]

    func load() throws -> (NetwardenConfig, URL) {
        let directory = try Fixture.temporaryDirectory()
        try "file-community-3\n".write(to: directory.appendingPathComponent("community.txt"), atomically: true, encoding: .utf8)
        try "smtp-password-13".write(to: directory.appendingPathComponent("smtp.txt"), atomically: true, encoding: .utf8)
        let config = try ConfigLoader(environment: Self.environment)
            .load(yaml: Self.yaml, file: "secrets.yaml", baseDirectory: directory.path).get()
        return (config, directory)
    }

    @Test func everyFormResolves() throws {
        let (config, directory) = try load()
        defer { try? FileManager.default.removeItem(at: directory) }
        func community(_ name: String) -> String? {
            guard case .community(_, let secret)? = config.credentialSet(named: name)?.credentials else { return nil }
            return secret.reveal()
        }
        #expect(community("inline") == "inline-community-1")
        #expect(community("from-env") == "env-community-2")
        #expect(community("from-file") == "file-community-3")  // trailing newline dropped
        #expect(community("interpolated") == "pre-part-4-post$")
        #expect(community("fallback") == "fallback-community-5")
        guard case .usm(let usm)? = config.credentialSet(named: "v3")?.credentials else {
            Issue.record("v3 set missing"); return
        }
        #expect(usm.authPassword?.reveal() == "auth-passphrase-6")
        #expect(usm.authPassword?.source == .environment("NW_TEST_AUTH"))
        #expect(usm.level == .authPriv)
        #expect(usm.privProtocol == .aes256C)
        #expect(config.http.token(matching: "api-token-0123456789-12")?.name == "api")
        #expect(config.http.token(matching: "api-token-0123456789-1") == nil)
        guard case .email(let mail)? = config.channel(named: "mail")?.settings else { Issue.record("mail"); return }
        #expect(mail.password?.reveal() == "smtp-password-13")
    }

    @Test func renderingsAreRedacted() throws {
        let (config, directory) = try load()
        defer { try? FileManager.default.removeItem(at: directory) }
        var dumped = ""
        dump(config, to: &dumped)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(config), as: UTF8.self)
        let renderings = [
            "description": String(describing: config), "debugDescription": String(reflecting: config),
            "interpolation": "\(config)", "dump": dumped, "JSON": json,
        ]
        for (kind, text) in renderings {
            #expect(text.contains("<redacted>"), "\(kind) shows no redaction marker")
            for secret in Self.secretTexts {
                #expect(!text.contains(secret), "\(kind) reveals \(secret)")
            }
        }
        let secret = Secret("hunter2hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(String(decoding: try JSONEncoder().encode([secret]), as: UTF8.self) == #"["<redacted>"]"#)
    }

    @Test func problemsDoNotQuoteSecrets() {
        // A secret that is wrong in shape (a webhook URL that is not one, a short pass phrase,
        // a token reused) is reported without its value.
        let yaml = """
            credentials:
              c: { version: v2c, community: public }
              v3: { version: v3, user: u, auth_protocol: MD5, auth_password: tiny-7 }
            defaults: { credentials: [c] }
            notifications:
              channels:
                hook: { type: webhook, url: "not-a-url-secret-part" }
            http:
              tokens:
                - { name: a, token: short-token-x }
                - { name: b, token: short-token-x }
            """
        let problems = Fixture.problems(yaml)
        let text = problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("http:// or https:// URL"))
        #expect(text.contains("at least 16 characters"))
        #expect(text.contains("same token as http.tokens[0]"))
        #expect(text.contains("pass phrase needs at least 8 characters"))
        for secret in ["not-a-url-secret-part", "short-token-x", "tiny-7"] {
            #expect(!text.contains(secret), "a problem reveals \(secret):\n\(text)")
        }
    }

    @Test func disabledChannelNeedsNoSecret() throws {
        let yaml = Fixture.minimal + """
            notifications:
              channels:
                off: { type: slack, enabled: false, url: { env: NW_TEST_NOT_SET } }
                on: { type: slack, url: { env: NW_TEST_NOT_SET } }
            """
        let problems = Fixture.problems(yaml)
        #expect(problems.map(\.path.description) == ["notifications.channels.on.url.env"])
    }

    @Test func secretFormsAreChecked() {
        let yaml = Fixture.minimal + """
            listeners:
              traps:
                communities:
                  - { env: A, file: b }
                  - { vault: x }
                  - ""
                  - [x]
            """
        let messages = Fixture.problems(yaml).map { "\($0.path): \($0.message)" }
        #expect(messages == [
            "listeners.traps.communities[0]: a secret is a string, { env: NAME } or { file: PATH }",
            "listeners.traps.communities[1].vault: unknown key 'vault'; a secret is a string, { env: NAME } or { file: PATH }",
            "listeners.traps.communities[2]: the secret is empty",
            "listeners.traps.communities[3]: expected a secret (a string, { env: NAME } or { file: PATH }), found a list",
        ])
    }
}
