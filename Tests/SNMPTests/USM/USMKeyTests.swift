import Testing
@testable import SNMP

struct USMKeyTests {
    @Test func neverPrintsItsOctets() throws {
        let key = USMKey(hex("526f5eed9fcce26f8964c2930787d82b"))
        #expect(key.description == "<secret>")
        #expect("\(key)" == "<secret>")
        #expect(String(reflecting: key) == "USMKey(<secret>, 16 octets)")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.lowercased().contains("526f") && !dumped.contains("82"))

        let keys = try USMMasterKeys(authProtocol: .md5, authPassword: "maplesyrup", privProtocol: .des, privPassword: "maplesyrup")
        for text in ["\(keys)", String(reflecting: keys), "\(try keys.localized(to: [1, 2, 3, 4, 5]))"] {
            #expect(!text.contains("9f") && !text.contains("9F"), "\(text)")
        }
        var dumpedKeys = ""
        dump(keys, to: &dumpedKeys)
        #expect(!dumpedKeys.contains("159") && !dumpedKeys.contains("9f"), "\(dumpedKeys)")
    }

    @Test func comparesByValue() {
        #expect(USMKey([1, 2, 3]) == USMKey([1, 2, 3]))
        #expect(USMKey([1, 2, 3]) != USMKey([1, 2, 4]))
        #expect(USMKey([1, 2, 3]) != USMKey([1, 2]))
        #expect(USMKey([]) == USMKey([]))
    }

    @Test func errorsCompareByCode() {
        #expect(USMError(.decryptionError, "a") == USMError(.decryptionError, "b"))
        #expect(USMError(.decryptionError, "a") != USMError(.invalidKeyLength, "a"))
        #expect("\(USMError(.emptyPassword, "why"))" == "emptyPassword: why")
    }
}
