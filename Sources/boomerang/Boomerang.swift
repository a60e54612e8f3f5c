import ArgumentParser

@main
struct Boomerang: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boomerang",
        abstract: "Plans and routes cross-border e-commerce returns.",
        discussion: """
        Scenario files describe a returns network (zones, drop-off points, hubs, warehouses, \
        refurbishers, liquidators, the origin), its customs rules, returns policy and forecast. \
        See docs/scenario-format.md.

        Exit codes: 0 success (optimal plan), 2 invalid input, 3 infeasible, \
        4 stopped with a feasible plan (gap printed), 5 no feasible plan found in time, 64 usage error.
        """,
        subcommands: [Validate.self, PlanCommand.self, RouteCommand.self, HubsCommand.self, ReportCommand.self, GenerateCommand.self, ServeCommand.self, DemandCommand.self, APIKeyCommand.self]
    )
}
