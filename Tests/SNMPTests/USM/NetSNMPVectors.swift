import Testing
@testable import SNMP

// Reference values computed by net-snmp 5.9.3 (Debian 12's libsnmp40) through its own API:
// generate_Ku, generate_kul, netsnmp_extend_kul, sc_generate_keyed_hash and sc_encrypt, by the C
// program in scripts/usm-vectors/netsnmp-usm-vectors.c (password "maplesyrup", engine ID
// 00 00 00 00 00 00 00 00 00 00 00 02, as in RFC 3414 A.3). Replayed here without net-snmp.
enum NetSNMPVectors {
    static let password = "maplesyrup"
    static let engineID: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]

    /// The 100-octet message the MACs and ciphertexts cover: octet i is (7 i + 3) mod 256.
    static let message: [UInt8] = (0..<100).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
    /// Where the MAC sits in ``message`` for sc_generate_keyed_hash (zeroed there).
    static let macOffset = 40
    /// The IV given to sc_encrypt: A0 A1 … AF (DES uses the first 8 octets).
    static let iv: [UInt8] = (0..<16).map { 0xA0 + UInt8($0) }

    struct Auth: CustomTestStringConvertible {
        let proto: AuthenticationProtocol
        let ku: String
        let kul: String
        /// HMAC over ``message`` with octets macOffset..<macOffset+macLength zeroed.
        let mac: String
        /// Privacy key (localised, extended, cut to localizedKeyLength) for each cipher.
        let privKeys: [PrivacyProtocol: String]
        /// sc_encrypt of ``message`` (96 octets for DES) with the privacy key and ``iv``.
        let ciphertexts: [PrivacyProtocol: String]

        var testDescription: String { "\(proto)" }
    }

    static let auth: [Auth] = [
        Auth(
            proto: .md5,
            ku: "9faf3283884e92834ebc9847d8edd963",
            kul: "526f5eed9fcce26f8964c2930787d82b",
            mac: "b8f5b9570aa2fd9cc3e5b3b4",
            privKeys: [
                .des: "526f5eed9fcce26f8964c2930787d82b",
                .aes128: "526f5eed9fcce26f8964c2930787d82b",
                .aes192: "526f5eed9fcce26f8964c2930787d82bfa24a92467426c2f",
                .aes256: "526f5eed9fcce26f8964c2930787d82bfa24a92467426c2f4b09192be10dfaec",
                .aes192c: "526f5eed9fcce26f8964c2930787d82b79eff44a90650ee0",
                .aes256c: "526f5eed9fcce26f8964c2930787d82b79eff44a90650ee0a3a40abfac5acc12",
            ],
            ciphertexts: [
                .des:
                    "bf668dfb4bc553ea9c30e0153df9a056ccfee90ae022c7ae2e46145f67536603c0d012390843266e" +
                    "416aef6c04a2d56a6cff34453af62c61f8ed38251e20f0173b70f7d4a1d05836cacbbc682010f4bc" +
                    "a9aa764ec22071bef910d4bfc3c9ca4b",
                .aes128:
                    "855491e95e023329fb544280f19062cccf6b7974dffae4356325a0995e84335d121d49531fb2cd29" +
                    "4593c801db897a5a17730ddd4c879a89cd00989de0c0d0ad4bea7b4f43fa32f9a5d8f9ece4f13075" +
                    "4d19db1a67eae601d1d9d28cced0adbbad06f2a3",
                .aes192:
                    "fb03f10555746bdc12651cf9cc27bf4bfd2a0037d809807d46ef1ea4f3dadfcd443065f66a3bd8bf" +
                    "aba69393b6c06e18ceeeeac040327417ed629a554e8af509fd6ccd156f4a242528a8418222e25aab" +
                    "9b4c3df350dac58b36c0dc2fd4ab2ea3813574b6",
                .aes256:
                    "f7af6e98e72ff0141416e7ea4e6bfdffa763633b63ff3480fc8282b708e9626b7f3e879c2d17987d" +
                    "1b6aa47ef4f5d51710db9c8458c15dc3a4631e7c52e3af115408626252b2b1b8dbc3c505d79718ba" +
                    "4f8fede350e9d2407ce7bc144aa23a4d54963c06",
                .aes192c:
                    "a8fd5dd17be8978a3900b1e9f93bc855ddfd40c4898da20a180a939233b223f633b34fc60847230c" +
                    "800d39e4aabed8a9fa518846b9a94bf44cbf633f987d6aebfbf5014a53440f6a7e8964ea18101814" +
                    "5c86f6256cb0fc885162498d256b679aa8a24a0a",
                .aes256c:
                    "afafe1892c0ebc71697a9a3240b7cc3ba84e1c386590f25cdc2b3440e2b51066d8a55c0b79487d0f" +
                    "d1818989923f3507c93cce4ad4f1f0705be881f81f7b6f617cc1eab50b7ffedf121fe627c5d0a709" +
                    "2ec40a25bee2dadb1237292874a67c07807bcb92",
            ]
        ),
        Auth(
            proto: .sha1,
            ku: "9fb5cc0381497b3793528939ff788d5d79145211",
            kul: "6695febc9288e36282235fc7151f128497b38f3f",
            mac: "a16a0bc2a294d4a83de436d8",
            privKeys: [
                .des: "6695febc9288e36282235fc7151f1284",
                .aes128: "6695febc9288e36282235fc7151f1284",
                .aes192: "6695febc9288e36282235fc7151f128497b38f3f505e07eb",
                .aes256: "6695febc9288e36282235fc7151f128497b38f3f505e07eb9af25568fa1f5dbe",
                .aes192c: "6695febc9288e36282235fc7151f128497b38f3f9b8b6d78",
                .aes256c: "6695febc9288e36282235fc7151f128497b38f3f9b8b6d78936ba6e7d19dfd9c",
            ],
            ciphertexts: [
                .des:
                    "60cb16fedf46578639714288a1aa18cc4493956c5285e821d0d6dddee8d83780f47354c3a6e084bc" +
                    "cb241e8dc3134635179c16a3964da4711b37169b3ed1599e64f9a1af319fa477c2777c2db453819a" +
                    "7c33667bf1c62784ef9c041d4356f7c2",
                .aes128:
                    "566b6ec343272faaa6382361de99fb5a8b70351e1b5c1536fad5cc3532ad506d6017452b97d3501b" +
                    "ba0fd77a72f4dda7390631c6c663c7adeb4caf168aa5ad2bb5e1fe484718d436ae4ae52faa1afa65" +
                    "59d49f61247d4a782c251481eb9d614b379b080c",
                .aes192:
                    "ffb7754640843ce4c47ef2815f017dfe40da2c9b0f80401366092ce990484ff0f857facb999b1227" +
                    "2c769fff3d3e24891a841b1685a7a324230ad6472d7a4a8286e96102ece191aade817e9d7d9dd87a" +
                    "d15035f5dc80e3a0d3f2af8df82b873d3cf7868d",
                .aes256:
                    "07b3f1e2189f26634240122abfd078e49e6763f33d183d504a3630549bb39030e816d15d1f3b246e" +
                    "70287c523c85737990d5b936f64c1fc57b607fad7ca379a3a78877981736381a128a76ee3b6b8653" +
                    "d2019155cb6b3c298c18b49560b795e32085ec96",
                .aes192c:
                    "a601f53ac823ff1c4d48b16f78dd6f8fe99649438a1f22eb3e5c999e937f7639122b26c2e1a5e9e4" +
                    "b534c057d810375e9bd327ede65de4c0b036206d15f8356572dcba0c90099277c65b80d8483838f2" +
                    "66bf931af521dd2edd53441035b049d90e64f7f1",
                .aes256c:
                    "79648405d35ca99392003b95efc7caa8594ad1b2d130cf27101dcbaf255bce8f53db472dc0196142" +
                    "74551bfb0a4bdddbceb82b4583d1b770ad2aadd48df60a3fab1788a86ba7739f16d2a892462f5608" +
                    "dcb0d9e345171869fd96390d71cc1d4c3d5cd80e",
            ]
        ),
        Auth(
            proto: .sha224,
            ku: "282a5867ee9aac639ad59df9572c7d3ac0fbc13a905b6df07dbbf00b",
            kul: "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674",
            mac: "a166f1b1506d5918eafda2f6d2b5020f",
            privKeys: [
                .des: "0bd8827c6e29f8065e08e09237f177e4",
                .aes128: "0bd8827c6e29f8065e08e09237f177e4",
                .aes192: "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be6",
                .aes256: "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674e82d9bf0",
                .aes192c: "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be6",
                .aes256c: "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be68207567422c34be4",
            ],
            ciphertexts: [
                .des:
                    "e9f3b518d8a513b11861f0d498ad8ab18e51a109bc432f3a7c065bea6a1c965c5c5eacefe0a3139e" +
                    "b3f737f6e11a77525975d07361dc150028ae51750f19e770aa3ff86a582b775df0112ab6c17c9001" +
                    "93e5b9f3a60efc1f9154d0cfd8e98b81",
                .aes128:
                    "d37bf1bf705190f5344dee2ee08477ea065c67348dc0f2c9f257988345f5d544caa75122b0050b85" +
                    "0897075272fa325c95399b243dc3305987a5d5c6d488da36876cacde327765bd0c361deccd56b437" +
                    "085bd87d3b11c8e73dbf6ff80925addd7682447c",
                .aes192:
                    "0d679f471834b9536f60d6c58362213f1006b7d5512ed43ae7b53ea7207a41dbfe0265b03fe013d7" +
                    "10a1fd717b6921700b84ff706a8e05798b4cca4497dbd8096f27557761fa875144fa8aec710f791f" +
                    "a489157fa80c2133a3f6a05d3b790daecd9fea8b",
                .aes256:
                    "29597e5aa988c8e56a1b91dd3b42571e968410fae6694a6546a9ecca909ca8ba4fcff3f2220450c9" +
                    "1efa6deb04bd719a02b510778bbb3512727469d9d4a685e90142b864349a9a4e721bc2349c486d39" +
                    "7225a6213e94a257424e931a36763328a466e08b",
                .aes192c:
                    "0d679f471834b9536f60d6c58362213f1006b7d5512ed43ae7b53ea7207a41dbfe0265b03fe013d7" +
                    "10a1fd717b6921700b84ff706a8e05798b4cca4497dbd8096f27557761fa875144fa8aec710f791f" +
                    "a489157fa80c2133a3f6a05d3b790daecd9fea8b",
                .aes256c:
                    "f35bb333c679e8308c56a9a16a1cc6aac499b75a20b866b96a05c821af1a5c59f12e83f3318b61a3" +
                    "ee30f981a14a632c197a617c43b13d0fe582cd92e5ae124000fe534f21aafe170fcafb08fca2d8e8" +
                    "0d3d07a3cc3ee77caf94f2eec28c3311fcce1732",
            ]
        ),
        Auth(
            proto: .sha256,
            ku: "ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac",
            kul: "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b",
            mac: "3fc32ddfd923b249af8a670051120916db810e7a5f8254d1",
            privKeys: [
                .des: "8982e0e549e866db361a6b625d84cccc",
                .aes128: "8982e0e549e866db361a6b625d84cccc",
                .aes192: "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a",
                .aes256: "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b",
                .aes192c: "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a",
                .aes256c: "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b",
            ],
            ciphertexts: [
                .des:
                    "ec4364162e35bafb4377841b08db58c3272d1cb035616f04ce3528b4bed8a1eb211d7b600ad6b366" +
                    "df965f8aade39d517df0920925d704d1b53f4562f5d67b5f9a5655e6f0e8933ee1713115be00c3c2" +
                    "baef332b940fa6cc19d3099bd8d02beb",
                .aes128:
                    "d23e463befdc93f2c15748dc11191761a26a35f8ed4b964bef6f115c657a6fd5f9d7689773855ddf" +
                    "42f0d64a44d61800a614b705b73b964c145cbe39180f5ab39025db376982657a6161951ebb6f6f45" +
                    "7cfbbfe854942754bbe723ac031790335a0adda8",
                .aes192:
                    "31a4f10a543e01c48e19dee615552496f069bec59c98928e3201d7ffeb8f890e65be2f75b119ebc6" +
                    "d2a37468d45d5dc3b701298319e54d090ba47eec06ed45d541242fdb5c8885eb98055fe4d420e176" +
                    "64a3d6ef1054acc5c29da80eeaef5bfc83e5e49c",
                .aes256:
                    "d0bf23a78b0c491c22794b3cf5db81b24c160583472fb59977018f247b5246fbee76053a659e1f59" +
                    "715d1b5b89ae7b68f166d9f9ca8a6a509d6874d52fff156311e5247115d512fc7bc92557f94e3a04" +
                    "b9a9d2677a330cf45adb91858b644bc715d68e03",
                .aes192c:
                    "31a4f10a543e01c48e19dee615552496f069bec59c98928e3201d7ffeb8f890e65be2f75b119ebc6" +
                    "d2a37468d45d5dc3b701298319e54d090ba47eec06ed45d541242fdb5c8885eb98055fe4d420e176" +
                    "64a3d6ef1054acc5c29da80eeaef5bfc83e5e49c",
                .aes256c:
                    "d0bf23a78b0c491c22794b3cf5db81b24c160583472fb59977018f247b5246fbee76053a659e1f59" +
                    "715d1b5b89ae7b68f166d9f9ca8a6a509d6874d52fff156311e5247115d512fc7bc92557f94e3a04" +
                    "b9a9d2677a330cf45adb91858b644bc715d68e03",
            ]
        ),
        Auth(
            proto: .sha384,
            ku: "e06eccdf2c68a06ed034723c9c26e0db3b669e1e2efed49150b55377a2e98f383c86fb836857444654b287c93f51ff64",
            kul: "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f0455a53689a3937eea07319a633d2ccba78",
            mac: "1838eabf61087e367367bfb2b7cd856a969e2cc07ebb4bc7cfc139773d0638ee",
            privKeys: [
                .des: "3b298f16164a11184279d5432bf169e2",
                .aes128: "3b298f16164a11184279d5432bf169e2",
                .aes192: "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3",
                .aes256: "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f045",
                .aes192c: "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3",
                .aes256c: "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f045",
            ],
            ciphertexts: [
                .des:
                    "90a664428aae882fbe26167f471023a9f048b03520013654ccc5bb14103a1c0f61532d8b8a8c1527" +
                    "355d823208dfa57dbbf71f26745239469d6f87102f71907c1f61b84aa80c9319966cd07894f77c2a" +
                    "dde957cbfb99287d72a3b71f50b380f0",
                .aes128:
                    "b2da0f1b8582cf78790e401ea9f9677b600267e937217712975e0acf7ae79208419ae0a69fe8391a" +
                    "b2722bfa0c209683287f03dc25a7e392c3140591e309b915df53df51d8429686b5e5890652c94d0a" +
                    "1fae5cd74b992ce4104beffc00d696ae73acfdb3",
                .aes192:
                    "b43a46959e6ec3ee83e9f4ed6b314eb75de8cab72ff08d674d2a61c892db2e5e94f46d6334a454bd" +
                    "44ac963a2952a947fb13918104483c746347573c60a7797e0c3cc11d9e293b0c8b1cbc2b9559fcd5" +
                    "cb7ec5535367d58e5aee2f0ee16093cde7c821c9",
                .aes256:
                    "d7bcc6d6f179f5097faaffb65e6bec809e58235d90e927ade80b6086aa4b91dd7ffdfca67007dd8f" +
                    "d64eaf0db194750530ba3c8e64b15370aadff71458162f42bd52202273e4844b0ed46af17a4d8c30" +
                    "29840c7bac5453836293401177a9e77dc9649516",
                .aes192c:
                    "b43a46959e6ec3ee83e9f4ed6b314eb75de8cab72ff08d674d2a61c892db2e5e94f46d6334a454bd" +
                    "44ac963a2952a947fb13918104483c746347573c60a7797e0c3cc11d9e293b0c8b1cbc2b9559fcd5" +
                    "cb7ec5535367d58e5aee2f0ee16093cde7c821c9",
                .aes256c:
                    "d7bcc6d6f179f5097faaffb65e6bec809e58235d90e927ade80b6086aa4b91dd7ffdfca67007dd8f" +
                    "d64eaf0db194750530ba3c8e64b15370aadff71458162f42bd52202273e4844b0ed46af17a4d8c30" +
                    "29840c7bac5453836293401177a9e77dc9649516",
            ]
        ),
        Auth(
            proto: .sha512,
            ku:
                "7e4396de5aadc77be853819b98c9406265b3a9c37cc3176569847a4e4f6fba63dd3a73d04924d31a" +
                "63f95a601f9385af6be4ed1b37f87d040f7c6ed6f8d38a91",
            kul:
                "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099ad1ea87a8db09671" +
                "4d9788bd544047c9021e4229ce27e4c0a69250adfcffbb0b",
            mac: "f65e9a9569af84199ffa8d48928e1611917f5f9b4c5268a9c8c939420bd6722c3027603dcb2d42590fd67eebacffdfd2",
            privKeys: [
                .des: "22a5a36cedfcc085807a128d7bc6c238",
                .aes128: "22a5a36cedfcc085807a128d7bc6c238",
                .aes192: "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdf",
                .aes256: "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099",
                .aes192c: "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdf",
                .aes256c: "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099",
            ],
            ciphertexts: [
                .des:
                    "3444350780d860e40aa112156ca34d94e0e7b31e210a6770d0d2b474d382eb445dbc339222f6af60" +
                    "2de62511feb5b6d0dfedce1ec33849f30d11bf2e04b594a5283e1affc0f2cd4efbc548f543a9d933" +
                    "5185f686e1f2c35867db947187d91057",
                .aes128:
                    "7d2ea50fd9b5594e467c316b3e0d992d6c4ce1f9466eeae88c158f3b7606fed64e2a464061bea94f" +
                    "719c302774dc5f3dd5df5be02b5ee8358da29a5f6aac65675c73359a41215b66b64efdcec0ff5c44" +
                    "365120402e7eaabaafff3f7459dfa81aa66dd775",
                .aes192:
                    "e7481da1b20e70768a8affc1f2eecb91fa8bd3cf42faf06502f595f05652d298091e57478096d903" +
                    "19102cd7bde57e1f799242357ba49821cc9a9041a806b21cb1dc85d6845cf400a1942d428223531e" +
                    "fc89f9534a30b865e07ef58754f5d33198988314",
                .aes256:
                    "7927f33fd64f5f0a1da71785fe25f26006f44ebfe884e2f31af5134f8b553e46af6251b26d1ce0b4" +
                    "77c0c62ee7e672c91943183659dbceace0f38fc4af927a4f654f7fcf2fa9d77d8d6c325834acb2c5" +
                    "f75a529f3e6b8504adbae8ab449a6de096784946",
                .aes192c:
                    "e7481da1b20e70768a8affc1f2eecb91fa8bd3cf42faf06502f595f05652d298091e57478096d903" +
                    "19102cd7bde57e1f799242357ba49821cc9a9041a806b21cb1dc85d6845cf400a1942d428223531e" +
                    "fc89f9534a30b865e07ef58754f5d33198988314",
                .aes256c:
                    "7927f33fd64f5f0a1da71785fe25f26006f44ebfe884e2f31af5134f8b553e46af6251b26d1ce0b4" +
                    "77c0c62ee7e672c91943183659dbceace0f38fc4af927a4f654f7fcf2fa9d77d8d6c325834acb2c5" +
                    "f75a529f3e6b8504adbae8ab449a6de096784946",
            ]
        ),
    ]
}

/// Octets from hex digits; spaces are ignored.
func hex(_ string: String) -> [UInt8] {
    let digits = Array(string.utf8).filter { $0 != UInt8(ascii: " ") }
    precondition(digits.count % 2 == 0, "odd number of hex digits")
    func value(_ d: UInt8) -> UInt8 {
        switch d {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d - UInt8(ascii: "A") + 10
        default: preconditionFailure("not a hex digit")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

extension USMKey {
    /// The key's octets, for comparing with vectors.
    var octets: [UInt8] { withUnsafeBytes { Array($0) } }
}
