import ArgumentParser
import ReportSiteCore

/// `--content` and `--templates`: the folders a site is built from, named alike by every
/// command that builds (`build`, `check`, `pack`, `watch`, `serve`).
struct SourceFolders: ParsableArguments {
    @Option(help: "The content directory (site.yml, topics.yml, reports/).")
    var content = "Content"

    @Option(help: "The templates directory (*.mustache, partials/, assets/).")
    var templates = "Templates"
}

/// The source folders and `--output`, the folder `build`, `watch` and `serve` write the site into.
struct SiteFolders: ParsableArguments {
    @OptionGroup var sources: SourceFolders

    @Option(help: "The output directory. Only files ReportSite wrote there are ever replaced or removed.")
    var output = "Output"

    var content: String { sources.content }
    var templates: String { sources.templates }
    /// The build options of these folders (everything else at its default).
    var options: BuildOptions { BuildOptions(content: content, templates: templates, output: output) }
}
