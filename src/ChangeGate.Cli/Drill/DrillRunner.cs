using System.Diagnostics;
using ChangeGate.Core;
using Spectre.Console;

namespace ChangeGate.Cli.Drill;

/// <summary>
/// <c>changegate drill</c>: replays the incidents ChangeGate exists for with the real tools in a scratch
/// repository with a bare remote, checking every expectation. Exit 0 when every one held, 1 naming the
/// first that did not, 2 when <c>--keep</c> names an unusable directory.
/// </summary>
internal static class DrillRunner
{
    public static IReadOnlyList<IDrillScene> Scenes { get; } =
    [
        new SetupScene(),
        new FileDeletionScene(),
        new FailoverProofScene(),
        new PreTestScene(),
        new OutsideStageScene(),
        new UnresolvedErrorScene(),
        new WorkControlScene(),
        new SiteFailureScene(),
        new AuditTrailScene(),
    ];

    public static int Run(CliEnvironment environment, string? keep)
    {
        string root;
        if (keep is not null)
        {
            root = Path.GetFullPath(keep, environment.WorkingDirectory);
            if (File.Exists(root) || (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any()))
            {
                return CommandSession.PrintProblems(environment, [new Problem($"--keep {keep}: {root} exists and is not an empty directory", "name a new or empty directory, e.g. --keep /tmp/changegate-drill")]);
            }

            Directory.CreateDirectory(root);
        }
        else
        {
            root = Directory.CreateTempSubdirectory("changegate-drill-").FullName;
        }

        var console = environment.Console;
        var world = new DrillWorld(environment, root);
        var watch = Stopwatch.StartNew();
        console.MarkupLine("[bold]changegate drill[/]: the incidents ChangeGate exists for, replayed with the real tools in a scratch repository");
        console.MarkupLine($"[grey]{Markup.Escape(root)}: work/ (the service), remote.git/ (the shared remote), keys/ (the test job's key pair)[/]");
        try
        {
            if (DrillAlertmanager.Find() is { } binary)
            {
                world.Alertmanager = DrillAlertmanager.Start(binary, Path.Combine(root, "alertmanager"), out var problem);
                if (problem is not null)
                {
                    console.MarkupLine($"[yellow]![/] {Markup.Escape(problem)}; the firing-alert step is skipped");
                }
            }
            else
            {
                console.MarkupLine("[yellow]![/] prometheus-alertmanager is not installed: the firing-alert step of 2024-05-21 is skipped (apt-get install prometheus-alertmanager)");
            }

            for (var i = 0; i < Scenes.Count; i++)
            {
                world.Scene(i + 1, Scenes.Count, Scenes[i].Title, Scenes[i].Finding);
                Scenes[i].Play(world);
            }
        }
        catch (DrillExpectationFailed failed)
        {
            console.WriteLine();
            console.MarkupLine($"   [red]✗ {Markup.Escape(failed.Expectation)}[/]");
            console.MarkupLine($"     [grey]{Markup.Escape(failed.Detail)}[/]");
            console.MarkupLine($"[red]drill failed[/] after {world.Held.Count} expectations held: [bold]{Markup.Escape(failed.Expectation)}[/] did not ({watch.Elapsed.TotalSeconds:0}s)");
            Finish(world, keep);
            return ExitCodes.Blocked;
        }
        finally
        {
            world.Alertmanager?.Dispose();
        }

        console.WriteLine();
        console.MarkupLine($"[green]drill passed[/]: all {world.Held.Count} expectations held in {watch.Elapsed.TotalSeconds:0}s{(world.Alertmanager is null ? " (the firing-alert step was skipped)" : "")}");
        Finish(world, keep);
        return ExitCodes.Ok;
    }

    private static void Finish(DrillWorld world, string? keep)
    {
        if (keep is not null)
        {
            world.Console.MarkupLine($"kept in {Markup.Escape(world.Root)}: try `cd {Markup.Escape(Path.Combine(world.Root, "work"))} && changegate rollout status --watch`, `changegate log`, or open {Markup.Escape(Path.Combine(world.Root, "report.html"))}");
            return;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(world.Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(world.Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            world.Console.MarkupLine($"[grey]could not delete {Markup.Escape(world.Root)}: {Markup.Escape(e.Message)}[/]");
        }
    }
}
