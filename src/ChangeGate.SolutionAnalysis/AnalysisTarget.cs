using ChangeGate.Core;

namespace ChangeGate.SolutionAnalysis;

/// <summary>The solution or project to open.</summary>
/// <param name="Path">Full path of the .sln, .slnx or project file.</param>
/// <param name="IsSolution">True for a solution.</param>
public sealed record AnalysisTarget(string Path, bool IsSolution)
{
    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];
    private static readonly string[] ProjectExtensions = [".csproj"];

    /// <summary>
    /// Resolves what the user named: a solution or project file, or a directory holding exactly one
    /// solution (else exactly one project), as <c>dotnet build</c> does.
    /// </summary>
    /// <param name="given">The path given (full, or relative to <paramref name="baseDirectory"/>); null: <paramref name="baseDirectory"/> itself.</param>
    /// <param name="baseDirectory">What a relative path is relative to.</param>
    public static Result<AnalysisTarget> Resolve(string? given, string baseDirectory)
    {
        var path = System.IO.Path.GetFullPath(given ?? ".", baseDirectory);
        if (File.Exists(path))
        {
            var extension = System.IO.Path.GetExtension(path);
            if (SolutionExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                return Result<AnalysisTarget>.Ok(new AnalysisTarget(path, true));
            }

            if (ProjectExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                return Result<AnalysisTarget>.Ok(new AnalysisTarget(path, false));
            }

            return Result<AnalysisTarget>.Fail(new Problem($"{given} is not a solution (.sln, .slnx) or C# project (.csproj)", "name a solution, a C# project, or a directory holding one"));
        }

        if (!Directory.Exists(path))
        {
            return Result<AnalysisTarget>.Fail(new Problem($"{given ?? path} does not exist", "name a solution, a C# project, or a directory holding one"));
        }

        var solutions = Files(path, SolutionExtensions);
        if (solutions.Count == 1)
        {
            return Result<AnalysisTarget>.Ok(new AnalysisTarget(solutions[0], true));
        }

        if (solutions.Count > 1)
        {
            return Result<AnalysisTarget>.Fail(new Problem($"{Display(given, path)} holds several solutions: {string.Join(", ", solutions.Select(System.IO.Path.GetFileName))}", "name the one to analyze"));
        }

        var projects = Files(path, ProjectExtensions);
        return projects.Count switch
        {
            1 => Result<AnalysisTarget>.Ok(new AnalysisTarget(projects[0], false)),
            0 => Result<AnalysisTarget>.Fail(new Problem($"{Display(given, path)} holds no solution (.sln, .slnx) and no C# project", "name a solution or project, or run in its directory")),
            _ => Result<AnalysisTarget>.Fail(new Problem($"{Display(given, path)} holds several projects: {string.Join(", ", projects.Select(System.IO.Path.GetFileName))}", "name the one to analyze, or a solution")),
        };
    }

    private static List<string> Files(string directory, string[] extensions) =>
        [.. Directory.EnumerateFiles(directory).Where(f => extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    private static string Display(string? given, string path) => given ?? path;
}
