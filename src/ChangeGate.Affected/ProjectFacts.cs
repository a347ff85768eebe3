namespace ChangeGate.Affected;

/// <summary>
/// What MSBuild's evaluation says about one project, in plain types so nothing outside the
/// loader touches Microsoft.Build. All paths are full paths.
/// </summary>
/// <param name="FullPath">The project file.</param>
/// <param name="AssemblyName">The evaluated AssemblyName.</param>
/// <param name="IsTestProject">True for test projects.</param>
/// <param name="ItemFiles">Files its items name (Compile, None, Content, EmbeddedResource, linked files...).</param>
/// <param name="Imports">Files its evaluation imported (Directory.Build.props, custom .props/.targets...).</param>
/// <param name="References">Project files it references.</param>
internal sealed record ProjectFacts(
    string FullPath,
    string AssemblyName,
    bool IsTestProject,
    IReadOnlySet<string> ItemFiles,
    IReadOnlySet<string> Imports,
    IReadOnlySet<string> References)
{
    public string Directory => Path.GetDirectoryName(FullPath)!;
}
