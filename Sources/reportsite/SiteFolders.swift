import ArgumentParser
import ReportSiteCore

/// `--content` and `--templates`: the folders a site is built from, named alike by every
/// command that builds (`build`, `check`, `pack`, `watch`, `serve`).
struct SourceFolders: ParsableArguments {
    @Option(help: "The content directory (site.yml, topics.yml, reports/).")
    var content = "Content"

    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "The templates directory (*.mustache, partials/, assets/): each file overrides the built-in theme's file of the same name.",
            discussion: "Default: Templates, when it exists; without it the built-in theme is used alone. A folder named here must exist.",
            valueName: "templates"))
    var templatesOption: String?

    /// The templates folder: the one named, or `Templates`.
    var templates: String { templatesOption ?? "Templates" }

    /// Options reading these folders (a templates folder named with `--templates` must exist).
    func options(output: String = "Output", dryRun: Bool = false, strict: Bool = false, baseURL: String? = nil, useCache: Bool = true) -> BuildOptions {
        var options = BuildOptions(content: content, templates: templates, output: output, dryRun: dryRun, strict: strict, baseURL: baseURL, useCache: useCache)
        options.templatesRequired = templatesOption != nil
        return options
    }
}

/// The source folders and `--output`, the folder `build`, `watch` and `serve` write the site into.
struct SiteFolders: ParsableArguments {
    @OptionGroup var sources: SourceFolders

    @Option(help: "The output directory. Only files ReportSite wrote there are ever replaced or removed.")
    var output = "Output"

    var content: String { sources.content }
    var templates: String { sources.templates }
    /// The build options of these folders (everything else at its default).
    var options: BuildOptions { sources.options(output: output) }
}
