import ArgumentParser

struct Netwarden: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netwarden",
        abstract: "Watches routers, switches, firewalls, Wi-Fi gear, UPSes and printers over SNMP.",
        subcommands: [
            GetCommand.self, GetNextCommand.self, WalkCommand.self, TableCommand.self, SetCommand.self,
            TrapCommand.self, InformCommand.self,
            IdentifyCommand.self, CheckCommand.self, DaemonCommand.self, ScanCommand.self, InventoryCommand.self,
            SimulateCommand.self, MIBCommand.self, ConfigCommand.self,
            SyslogCommand.self, TrapsCommand.self,
        ]
    )
}
