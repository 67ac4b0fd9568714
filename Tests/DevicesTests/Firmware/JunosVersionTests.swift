import Devices
import Testing

@Suite struct JunosVersionTests {
    @Test(arguments: [
        ("21.4R3-S5.4", "R"), ("21.4R3-S5", "R"), ("21.4R3.15", "R"), ("12.3R6.6", "R"), ("15.1X49-D200.5", "X49"),
        ("12.3X48-D105.4", "X48"), ("14.1X53-D50", "X53"), ("22.4R2-S2.6-EVO", "R-EVO"), ("23.2R1-EVO", "R-EVO"),
        ("15.1F6-S13", "F"), ("23.4R1", "R"), ("12.3R12-S21", "R"),
    ] as [(String, String)])
    func parses(_ text: String, train: String) throws {
        #expect(try FirmwareVersion(text, scheme: .junos).train == train)
    }

    @Test(arguments: ["21.4", "21.4R", "21.4r3", "21.4R3-S", "21.4R3-S5.", "21.4R3-EVOLVED", "R3-S5", "21.4R3 S5"])
    func rejects(_ text: String) {
        expectMalformed(.junos, text)
    }

    @Test(arguments: [
        // Service releases: none < S1 < S5 < next maintenance release.
        OrderingCase(.junos, "21.4R3-S5", .newer, "21.4R3-S4"),
        OrderingCase(.junos, "21.4R3", .older, "21.4R3-S1"),
        OrderingCase(.junos, "21.4R3-S10", .newer, "21.4R3-S9"),
        OrderingCase(.junos, "21.4R3-S5", .older, "21.4R4"),
        OrderingCase(.junos, "21.4R2-S10", .older, "21.4R3"),
        // Respins order only when both sides state one.
        OrderingCase(.junos, "21.4R3-S5.4", .older, "21.4R3-S5.5"),
        OrderingCase(.junos, "21.4R3-S5.4", .same, "21.4R3-S5"),
        OrderingCase(.junos, "21.4R3.15", .older, "21.4R3-S1.3"),
        // Feature releases.
        OrderingCase(.junos, "21.4R3-S5", .older, "22.1R1"),
        OrderingCase(.junos, "12.3R6.6", .older, "13.3R9.13"),
        OrderingCase(.junos, "16.1R6.7", .newer, "13.3R9.13"),
        OrderingCase(.junos, "15.1X49-D200.5", .older, "18.4R3"),
        // X trains and D releases.
        OrderingCase(.junos, "15.1X49-D200", .newer, "15.1X49-D190"),
        OrderingCase(.junos, "15.1X49-D90", .older, "15.1X49-D100"),
        OrderingCase(.junos, "15.1X49-D200", .unknown(.trainMismatch), "15.1X53-D50"),
        OrderingCase(.junos, "15.1X49-D200", .unknown(.trainMismatch), "15.1R7"),
        OrderingCase(.junos, "15.1F6-S13", .unknown(.trainMismatch), "15.1R7-S6"),
        // Junos OS Evolved is another system.
        OrderingCase(.junos, "22.4R2-S2-EVO", .unknown(.variantMismatch), "22.4R2-S2"),
        OrderingCase(.junos, "22.4R2-S2.6-EVO", .newer, "22.4R2-S1-EVO"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascending() throws {
        try expectAscending(.junos, [
            "20.4R3-S9", "21.2R3-S4", "21.4R1", "21.4R2", "21.4R2-S2", "21.4R3", "21.4R3-S1", "21.4R3-S5.4",
            "21.4R3-S5.5", "21.4R3-S10", "21.4R4", "22.4R2-S2",
        ])
    }
}
