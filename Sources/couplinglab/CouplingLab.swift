import ArgumentParser

@main
struct CouplingLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "couplinglab",
        abstract: "Reproduce and check 'Characterizing the Role of a Single Coupling Layer in Affine Normalizing Flows'.",
        version: CouplingLabVersion.string,
        subcommands: []
    )
}
