import Discovery
import Foundation
import Testing

@Suite struct TargetParsingTests {
    static func noDNS(_ name: String) throws -> [IPAddress] {
        if name == "router.lab" { return [IPAddress("10.9.9.1")!] }
        throw TargetError("'\(name)': cannot resolve host name")
    }

    func parse(_ targets: [String], exclude: [String] = [], files: [String: String] = [:]) throws -> TargetSet {
        try TargetSet.parse(targets, exclude: exclude, resolve: Self.noDNS) { path in
            guard let text = files[path] else { throw TargetError("cannot read target file \(path)") }
            return text
        }
    }

    func error(_ targets: [String], exclude: [String] = [], files: [String: String] = [:]) -> String {
        do {
            let set = try parse(targets, exclude: exclude, files: files)
            return "parsed \(set.count) addresses"
        } catch {
            return "\(error)"
        }
    }

    @Test func cidrCoversTheWholePrefixWhateverTheHostBits() throws {
        let set = try parse(["192.168.1.77/24"])
        #expect(set.count == 256)
        #expect(set.addresses.first == IPAddress("192.168.1.0"))
        #expect(set.addresses.last == IPAddress("192.168.1.255"))
        #expect(try parse(["10.0.0.5/32"]).addresses == [IPAddress("10.0.0.5")!])
        #expect(try parse(["10.0.0.0/31"]).count == 2)
    }

    @Test func rangesFullAndShortForm() throws {
        let full = try parse(["10.0.0.10-10.0.0.200"])
        #expect(full.count == 191)
        #expect(full.addresses.first?.description == "10.0.0.10")
        #expect(full.addresses.last?.description == "10.0.0.200")
        #expect(try parse(["10.0.0.10-20"]).count == 11)
        #expect(try parse(["10.0.0.250-10.0.1.5"]).count == 12)
    }

    @Test func overlapsMergeAndExclusionsCut() throws {
        let set = try parse(["10.0.0.0/24", "10.0.0.100-10.0.1.10", "10.0.0.7"], exclude: ["10.0.0.0/28", "10.0.0.200"])
        #expect(set.count == 256 + 11 - 16 - 1)
        #expect(!set.contains(IPAddress("10.0.0.15")!))
        #expect(set.contains(IPAddress("10.0.0.16")!))
        #expect(!set.contains(IPAddress("10.0.0.200")!))
        #expect(set.contains(IPAddress("10.0.1.10")!))
        #expect(Set(set.addresses).count == set.addresses.count)
    }

    @Test func hostNamesResolve() throws {
        #expect(try parse(["router.lab"]).addresses == [IPAddress("10.9.9.1")!])
        #expect(error(["nosuch.lab"]).contains("cannot resolve"))
    }

    @Test func filesListTargetsWithComments() throws {
        let set = try parse(["@hosts.txt"], files: ["hosts.txt": "# core\n10.1.0.1\n10.1.0.8-10  # access\n\n10.2.0.0/30, router.lab\n"])
        #expect(set.addresses.map(\.description) == ["10.1.0.1", "10.1.0.8", "10.1.0.9", "10.1.0.10",
                                                      "10.2.0.0", "10.2.0.1", "10.2.0.2", "10.2.0.3", "10.9.9.1"])
    }

    @Test func ipv6PrefixesOfSaneSize() throws {
        let set = try parse(["2001:db8::/120"])
        #expect(set.count == 256)
        #expect(set.addresses.first?.description == "2001:db8::")
        #expect(set.addresses.last?.description == "2001:db8::ff")
        #expect(try parse(["fe80::1"]).addresses.first?.description == "fe80::1")
        #expect(error(["2001:db8::/64"]).contains("2^64 addresses"))
        #expect(error(["2001:db8::/64"]).contains("/112 or longer"))
    }

    @Test func malformedTargetsGiveClearErrors() {
        #expect(error(["10.0.0.0/33"]) == "'10.0.0.0/33': prefix length must be 0 to 32")
        #expect(error(["300.1.1.1"]) == "'300.1.1.1' is not a valid IPv4 address (four numbers 0-255)")
        #expect(error(["@empty.txt"], files: ["empty.txt": "# nothing here\n\n"]) == "target file empty.txt lists no targets")
        #expect(error(["@missing.txt"]) == "cannot read target file missing.txt")
        #expect(error(["10.0.0.9-10.0.0.1"]).contains("ends before it starts"))
        #expect(error(["10.0.0.1-2001:db8::1"]).contains("cannot mix"))
        #expect(error(["10.0.0.0/x"]).contains("prefix length"))
        #expect(error(["300.1.1.1/24"]).contains("is not an IPv4 or IPv6 address"))
        #expect(error(["1.2.3"]).contains("not a valid IPv4 address"))
        #expect(error(["bad host!"]).contains("not an address, prefix, range or host name"))
        #expect(error([]) == "no targets given")
        #expect(error(["10.0.0.0/8"]).contains("scan /12 or longer"))
        #expect(error(["10.0.0.1"], exclude: ["10.0.0.0/24"]) == "every target address is excluded")
        #expect(error(["@a.txt"], files: ["a.txt": "@b.txt"]).contains("do not nest"))
        #expect(error(["@bad.txt"], files: ["bad.txt": "10.0.0.1\n300.1.1.1\n"]).hasPrefix("bad.txt: '300.1.1.1'"))
    }

    @Test func addressTextRoundTrips() {
        for text in ["0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1:0:0:1", "fe80::a00:27ff:fe4e:66a1", "::ffff:10.0.0.1"] {
            let parsed = IPAddress(text)
            #expect(parsed != nil, "\(text)")
            if text != "::ffff:10.0.0.1" { #expect(parsed?.description == text) }
        }
        for bad in ["", "1.2.3.4.5", "01234.1.1.1", "1::2::3", "12345::", "g::1", "1.2.3.-1"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }
}
