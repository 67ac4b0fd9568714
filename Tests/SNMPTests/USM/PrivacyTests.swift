import Testing
@testable import SNMP

struct PrivacyTests {
    static let ciphers = PrivacyProtocol.allCases.filter { $0 != .none }

    // MARK: - Key derivation and extension

    // netsnmp_extend_kul for every authentication hash and cipher, Blumenthal and Reeder.
    @Test(arguments: NetSNMPVectors.auth)
    func privacyKeysMatchNetSNMP(_ vector: NetSNMPVectors.Auth) throws {
        let master = try vector.proto.passwordToKey(NetSNMPVectors.password)
        for cipher in Self.ciphers {
            let expected = try #require(vector.privKeys[cipher])
            let key = try cipher.localizedKey(masterKey: master, engineID: NetSNMPVectors.engineID, authProtocol: vector.proto)
            #expect(key.octets == hex(expected), "\(vector.proto) \(cipher)")
            #expect(key.count == cipher.localizedKeyLength)
            let kul = USMKey(hex(vector.kul))
            #expect(try cipher.extend(kul, engineID: NetSNMPVectors.engineID, authProtocol: vector.proto) == key)
        }
    }

    @Test func masterKeysLocaliseLikeTheSteps() throws {
        let master = try USMMasterKeys(authProtocol: .sha1, authPassword: "maplesyrup",
                                       privProtocol: .aes256c, privPassword: "maplesyrup")
        let local = try master.localized(to: NetSNMPVectors.engineID)
        let vector = try #require(NetSNMPVectors.auth.first { $0.proto == .sha1 })
        #expect(local.authKey?.octets == hex(vector.kul))
        #expect(local.privKey?.octets == hex(try #require(vector.privKeys[.aes256c])))

        #expect(throws: USMError(.unsupportedCombination, "")) {
            try USMMasterKeys(authProtocol: .none, authPassword: nil, privProtocol: .des, privPassword: "maplesyrup")
        }
        #expect(throws: USMError(.emptyPassword, "")) {
            try USMMasterKeys(authProtocol: .md5, authPassword: "maplesyrup", privProtocol: .des, privPassword: nil)
        }
        let noAuth = try USMMasterKeys(authProtocol: .none, authPassword: nil)
        #expect(try noAuth.localized(to: NetSNMPVectors.engineID) ==
            USMLocalizedKeys(authProtocol: .none, authKey: nil, privProtocol: .none, privKey: nil))
    }

    @Test func keyDerivationRejectsMisuse() throws {
        let master = try AuthenticationProtocol.md5.passwordToKey("maplesyrup")
        #expect(throws: USMError(.unsupportedCombination, "")) {
            try PrivacyProtocol.aes128.localizedKey(masterKey: master, engineID: NetSNMPVectors.engineID, authProtocol: .none)
        }
        #expect(throws: USMError(.unsupportedCombination, "")) {
            try PrivacyProtocol.none.localizedKey(masterKey: master, engineID: NetSNMPVectors.engineID, authProtocol: .md5)
        }
        #expect(throws: USMError(.invalidKeyLength, "")) {
            try PrivacyProtocol.aes256.extend(master.prefix(10), engineID: NetSNMPVectors.engineID, authProtocol: .md5)
        }
    }

    // MARK: - The cipher primitives

    // NIST SP 800-38A F.3.13, F.3.15, F.3.17 (CFB128-AES128/192/256.Encrypt), through the public
    // API: IV 000102…0F is boots 0x00010203, time 0x04050607, salt 0x08090A0B0C0D0E0F.
    static let nistPlaintext = hex(
        "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710")

    @Test(arguments: [
        (PrivacyProtocol.aes128, "2b7e151628aed2a6abf7158809cf4f3c",
         "3b3fd92eb72dad20333449f8e83cfb4a c8a64537a0b3a93fcde3cdad9f1ce58b" +
         "26751f67a3cbb140b1808cf187a4f4df c04b05357c5d1c0eeac4c66f9ff7f2e6"),
        (.aes192, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
         "cdc80d6fddf18cab34c25909c99a4174 67ce7f7f81173621961a2b70171d3d7a" +
         "2e1e8a1dd59b88b1c8e60fed1efac4c9 c05f9f9ca9834fa042ae8fba584b09ff"),
        (.aes256, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
         "dc7e84bfda79164b7ecd8486985d3860 39ffed143b28b1c832113c6331e5407b" +
         "df10132415e54b92a13ed0a8267ae2f9 75a385741ab9cef82031623d55b1e471"),
    ])
    func aesCFBMatchesSP800_38A(_ cipher: PrivacyProtocol, _ key: String, _ ciphertext: String) throws {
        let key = USMKey(hex(key))
        let encrypted = try cipher.encrypt(scopedPDU: Self.nistPlaintext, key: key, engineBoots: 0x0001_0203,
                                           engineTime: 0x0405_0607, salt: 0x0809_0A0B_0C0D_0E0F)
        #expect(encrypted.privacyParameters == hex("08090a0b0c0d0e0f"))
        #expect(encrypted.encryptedPDU == hex(ciphertext))
        // CFB needs no padding: a partial last block encrypts to a prefix.
        let partial = try cipher.encrypt(scopedPDU: Array(Self.nistPlaintext.prefix(37)), key: key, engineBoots: 0x0001_0203,
                                         engineTime: 0x0405_0607, salt: 0x0809_0A0B_0C0D_0E0F)
        #expect(partial.encryptedPDU == Array(hex(ciphertext).prefix(37)))
        #expect(try cipher.decrypt(encryptedPDU: encrypted.encryptedPDU, privacyParameters: encrypted.privacyParameters,
                                   key: key, engineBoots: 0x0001_0203, engineTime: 0x0405_0607) == Self.nistPlaintext)
    }

    // FIPS 81 appendix C (CBC mode): key 0123456789ABCDEF, IV 1234567890ABCDEF. Through the public
    // API: the IV is the pre-IV (key octets 8…15) XOR a zero salt.
    @Test func desCBCMatchesFIPS81() throws {
        let key = USMKey(hex("0123456789abcdef 1234567890abcdef"))
        let plaintext = Array("Now is the time for all ".utf8)
        let encrypted = try PrivacyProtocol.des.encrypt(scopedPDU: plaintext, key: key, engineBoots: 0, engineTime: 0, salt: 0)
        #expect(encrypted.privacyParameters == [UInt8](repeating: 0, count: 8))
        #expect(encrypted.encryptedPDU == hex("e5c7cdde872bf27c 43e934008c389c0f 683788499a7c05f6"))
        #expect(try PrivacyProtocol.des.decrypt(encryptedPDU: encrypted.encryptedPDU, privacyParameters: encrypted.privacyParameters,
                                                key: key, engineBoots: 0, engineTime: 0) == plaintext)
    }

    // MARK: - Protocol encryption against net-snmp

    // sc_encrypt with net-snmp's own localised and extended keys, IV A0…AF. For AES that IV is
    // boots A0A1A2A3, time A4A5A6A7, salt A8…AF; for DES the salt is chosen so that pre-IV XOR
    // salt is A0…A7.
    @Test(arguments: NetSNMPVectors.auth)
    func encryptionMatchesNetSNMP(_ vector: NetSNMPVectors.Auth) throws {
        let boots = Int32(bitPattern: 0xA0A1_A2A3)
        let time = Int32(bitPattern: 0xA4A5_A6A7)
        for cipher in Self.ciphers {
            let key = USMKey(hex(try #require(vector.privKeys[cipher])))
            let expected = hex(try #require(vector.ciphertexts[cipher]))
            let encrypted: EncryptedScopedPDU
            if cipher == .des {
                let salt = zip(key.octets[8..<16], NetSNMPVectors.iv).map { $0 ^ $1 }
                let saltBoots = Int32(bitPattern: salt[0..<4].reduce(0) { $0 << 8 | UInt32($1) })
                let counter = salt[4..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                encrypted = try cipher.encrypt(scopedPDU: Array(NetSNMPVectors.message.prefix(96)), key: key,
                                               engineBoots: saltBoots, engineTime: 0, salt: counter)
                #expect(encrypted.privacyParameters == salt)
            } else {
                encrypted = try cipher.encrypt(scopedPDU: NetSNMPVectors.message, key: key, engineBoots: boots,
                                               engineTime: time, salt: 0xA8A9_AAAB_ACAD_AEAF)
                #expect(encrypted.privacyParameters == Array(NetSNMPVectors.iv[8...]))
            }
            #expect(encrypted.encryptedPDU == expected, "\(vector.proto) \(cipher)")
            let decrypted = try cipher.decrypt(encryptedPDU: expected, privacyParameters: encrypted.privacyParameters,
                                               key: key, engineBoots: boots, engineTime: time)
            #expect(decrypted == Array(NetSNMPVectors.message.prefix(expected.count)))
        }
    }

    // MARK: - Round trips and failures

    @Test(arguments: ciphers)
    func roundTripsAScopedPDU(_ cipher: PrivacyProtocol) throws {
        let key = try cipher.localizedKey(password: "privacy-pass", engineID: NetSNMPVectors.engineID, authProtocol: .sha1)
        let scoped = ScopedPDU(contextEngineID: OctetString(NetSNMPVectors.engineID), contextName: "",
                               pdu: PDU(type: .getRequest, requestID: 7, varBinds: [VarBind("1.3.6.1.2.1.1.1.0")]))
        let plaintext = scoped.encode()
        let encrypted = try cipher.encrypt(scopedPDU: plaintext, key: key, engineBoots: 5, engineTime: 600, salt: 99)
        #expect(encrypted.privacyParameters.count == cipher.privacyParametersLength)
        let decrypted = try cipher.decrypt(encryptedPDU: encrypted.encryptedPDU[...],
                                           privacyParameters: encrypted.privacyParameters[...],
                                           key: key, engineBoots: 5, engineTime: 600)
        // DES keeps its padding; the codec tolerates trailing octets after a decrypted ScopedPDU.
        #expect(decrypted.starts(with: plaintext))
        #expect(decrypted.count == (cipher == .des ? (plaintext.count + 7) / 8 * 8 : plaintext.count))
        #expect(try ScopedPDU.decode(decrypted) == scoped)

        // AES takes boots and time into the IV: other values garble the plaintext.
        if cipher != .des {
            let wrong = try cipher.decrypt(encryptedPDU: encrypted.encryptedPDU, privacyParameters: encrypted.privacyParameters,
                                           key: key, engineBoots: 5, engineTime: 601)
            #expect(wrong != plaintext)
        }
        // A new salt gives a new ciphertext.
        let again = try cipher.encrypt(scopedPDU: plaintext, key: key, engineBoots: 5, engineTime: 600, salt: 100)
        #expect(again.encryptedPDU != encrypted.encryptedPDU)
    }

    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 1500])
    func desPadsToWholeBlocks(_ length: Int) throws {
        let key = USMKey(hex("0123456789abcdef 1234567890abcdef"))
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        let encrypted = try PrivacyProtocol.des.encrypt(scopedPDU: plaintext, key: key, engineBoots: 1, engineTime: 0, salt: 2)
        #expect(encrypted.encryptedPDU.count == (length + 7) / 8 * 8)
        #expect(encrypted.privacyParameters == [0, 0, 0, 1, 0, 0, 0, 2])
        let decrypted = try PrivacyProtocol.des.decrypt(encryptedPDU: encrypted.encryptedPDU,
                                                        privacyParameters: encrypted.privacyParameters,
                                                        key: key, engineBoots: 0, engineTime: 0)
        #expect(Array(decrypted.prefix(length)) == plaintext)
    }

    @Test func decryptionErrors() throws {
        let des = USMKey(hex("0123456789abcdef 1234567890abcdef"))
        #expect(throws: USMError(.invalidPrivacyParameters, "")) {
            try PrivacyProtocol.des.decrypt(encryptedPDU: [UInt8](repeating: 0, count: 16), privacyParameters: [UInt8](repeating: 0, count: 7),
                                            key: des, engineBoots: 0, engineTime: 0)
        }
        #expect(throws: USMError(.decryptionError, "")) {
            try PrivacyProtocol.des.decrypt(encryptedPDU: [UInt8](repeating: 0, count: 15), privacyParameters: [UInt8](repeating: 0, count: 8),
                                            key: des, engineBoots: 0, engineTime: 0)
        }
        let aes = USMKey([UInt8](repeating: 1, count: 16))
        #expect(throws: USMError(.invalidPrivacyParameters, "")) {
            try PrivacyProtocol.aes128.decrypt(encryptedPDU: [1, 2, 3], privacyParameters: [], key: aes, engineBoots: 0, engineTime: 0)
        }
        #expect(throws: USMError(.invalidKeyLength, "")) {
            try PrivacyProtocol.aes256.encrypt(scopedPDU: [1, 2, 3], key: aes, engineBoots: 0, engineTime: 0, salt: 0)
        }
        #expect(throws: USMError(.unsupportedCombination, "")) {
            try PrivacyProtocol.none.encrypt(scopedPDU: [1, 2, 3], key: aes, engineBoots: 0, engineTime: 0, salt: 0)
        }
    }

    @Test func protocolTables() {
        for proto in PrivacyProtocol.allCases {
            #expect(PrivacyProtocol(oid: proto.oid) == proto)
        }
        #expect(PrivacyProtocol.allCases.map(\.keyLength) == [0, 8, 16, 24, 32, 24, 32])
        #expect(PrivacyProtocol.allCases.map(\.localizedKeyLength) == [0, 16, 16, 24, 32, 24, 32])
        // The OIDs net-snmp 5.9 registers (usmAES192PrivProtocol, usmAES256CiscoPrivProtocol…).
        #expect(PrivacyProtocol.aes256.oid == "1.3.6.1.4.1.14832.1.4")
        #expect(PrivacyProtocol.aes256c.oid == "1.3.6.1.4.1.9.12.6.1.2")
    }
}
