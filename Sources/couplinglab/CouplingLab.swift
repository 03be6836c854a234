import ArgumentParser

/// The `couplinglab` command: the report pipeline and the toolkit side (bound, gallery).
@main
struct CouplingLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "couplinglab",
        abstract: "Reproduce and check 'Characterizing the Role of a Single Coupling Layer in Affine Normalizing Flows'.",
        discussion: """
        Start with `couplinglab report --profile fast` (or `make report`), then open report/index.html.
        On your own samples: `couplinglab bound --input data.csv`, `couplinglab fit --input data.csv`.
        """,
        version: CouplingLabVersion.string,
        subcommands: [ReportCommand.self, ListCommand.self, FigureCommand.self, CacheCommand.self, BoundCommand.self,
                      FitCommand.self, SampleCommand.self, DensityCommand.self, GalleryCommand.self, ClaimsCommand.self]
    )
}
