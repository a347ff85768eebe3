using System.Runtime.CompilerServices;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;
using Microsoft.Build.Graph;

namespace ChangeGate.Affected;

/// <summary>
/// Evaluates projects into MSBuild's static project graph and returns plain
/// <see cref="ProjectFacts"/>. The only class that touches Microsoft.Build types: callers must have
/// called <see cref="MSBuildLocatorRegistration.EnsureRegistered"/> first, from another method.
/// </summary>
internal static class MSBuildProjectGraphLoader
{
    /// <summary>Item types that name packages, references or settings rather than files of the project.</summary>
    private static readonly HashSet<string> NonFileItemTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "PackageReference", "PackageVersion", "GlobalPackageReference", "PackageDownload", "ProjectReference",
        "Reference", "FrameworkReference", "ProjectCapability", "SupportedTargetFramework", "SupportedPlatform",
        "Using", "InternalsVisibleTo", "AssemblyAttribute", "PropertyPageSchema", "KnownFrameworkReference",
        "KnownAppHostPack", "KnownRuntimePack", "KnownCrossgen2Pack", "KnownILCompilerPack", "KnownILLinkPack",
        "KnownWebAssemblySdkPack", "KnownAspNetCorePack", "BuildOutputInAssemblyPackage",
    };

    private static readonly string[] TestSdkPackages = ["Microsoft.NET.Test.Sdk", "MSTest.Sdk"];

    /// <summary>Evaluates <paramref name="projectFiles"/> and everything they reference.</summary>
    /// <param name="projectFiles">Full paths of the entry projects.</param>
    /// <param name="repositoryRoot">Full path of the repository root; files outside it are left out.</param>
    /// <param name="cancellationToken">Stops evaluation between projects.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (IReadOnlyList<ProjectFacts> Projects, AffectedError? Error) Load(
        IReadOnlyList<string> projectFiles, string repositoryRoot, CancellationToken cancellationToken)
    {
        if (projectFiles.Count == 0)
        {
            return ([], null);
        }

        using var collection = new ProjectCollection();
        ProjectGraph graph;
        try
        {
            graph = new ProjectGraph(projectFiles, collection);
        }
        catch (Exception e) when (FindProjectError(e) is { } invalid)
        {
            return ([], new AffectedError(
                $"MSBuild cannot evaluate the project: {invalid.BaseMessage}",
                "Fix the project file (dotnet build shows the same error), then run again.",
                invalid.ProjectFile,
                invalid.LineNumber,
                invalid.ColumnNumber));
        }
        catch (CircularDependencyException e)
        {
            return ([], new AffectedError($"The project references form a cycle: {e.Message}", "Remove one of the ProjectReference items in the cycle."));
        }

        // Multi-targeting projects appear once per target framework; merge them by project file.
        var byPath = new Dictionary<string, Accumulator>(PathComparer.Instance);
        foreach (var node in graph.ProjectNodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var instance = node.ProjectInstance;
            if (!byPath.TryGetValue(instance.FullPath, out var facts))
            {
                facts = new Accumulator(instance.FullPath);
                byPath.Add(instance.FullPath, facts);
            }

            Collect(instance, node, repositoryRoot, facts);
        }

        return ([.. byPath.Values.Select(a => a.ToFacts())], null);
    }

    private static void Collect(ProjectInstance instance, ProjectGraphNode node, string repositoryRoot, Accumulator facts)
    {
        var assemblyName = instance.GetPropertyValue("AssemblyName");
        if (!string.IsNullOrEmpty(assemblyName))
        {
            facts.AssemblyName ??= assemblyName;
        }

        if (string.Equals(instance.GetPropertyValue("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase))
        {
            facts.IsTestProject = true;
        }

        foreach (var item in instance.Items)
        {
            if (NonFileItemTypes.Contains(item.ItemType))
            {
                if (item.ItemType == "PackageReference" && TestSdkPackages.Contains(item.EvaluatedInclude, StringComparer.OrdinalIgnoreCase))
                {
                    facts.IsTestProject = true;
                }

                continue;
            }

            string fullPath;
            try
            {
                fullPath = item.GetMetadataValue("FullPath");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or PathTooLongException)
            {
                continue; // an include that is not a path (a URL, a name with wildcards left in it)
            }

            if (IsUnder(fullPath, repositoryRoot))
            {
                facts.ItemFiles.Add(Path.GetFullPath(fullPath));
            }
        }

        foreach (var import in instance.ImportPaths)
        {
            if (IsUnder(import, repositoryRoot))
            {
                facts.Imports.Add(Path.GetFullPath(import));
            }
        }

        foreach (var reference in node.ProjectReferences)
        {
            if (!PathComparer.Instance.Equals(reference.ProjectInstance.FullPath, instance.FullPath))
            {
                facts.References.Add(reference.ProjectInstance.FullPath);
            }
        }
    }

    private static bool IsUnder(string path, string root) =>
        !string.IsNullOrEmpty(path) && path.StartsWith(root, PathComparer.Comparison);

    private static InvalidProjectFileException? FindProjectError(Exception e) => e switch
    {
        InvalidProjectFileException invalid => invalid,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(FindProjectError).FirstOrDefault(x => x is not null),
        _ when e.InnerException is not null => FindProjectError(e.InnerException),
        _ => null,
    };

    private sealed class Accumulator(string fullPath)
    {
        public string FullPath { get; } = fullPath;

        public string? AssemblyName { get; set; }

        public bool IsTestProject { get; set; }

        public HashSet<string> ItemFiles { get; } = new(PathComparer.Instance);

        public HashSet<string> Imports { get; } = new(PathComparer.Instance);

        public HashSet<string> References { get; } = new(PathComparer.Instance);

        public ProjectFacts ToFacts() =>
            new(FullPath, AssemblyName ?? Path.GetFileNameWithoutExtension(FullPath), IsTestProject, ItemFiles, Imports, References);
    }
}
