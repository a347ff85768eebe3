using System.Diagnostics;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>Several real changegate processes, in several clones, writing through one bare remote at once.</summary>
public sealed class ConcurrentCliTests
{
    [Fact]
    public async Task Concurrent_changegate_processes_in_three_clones_lose_and_duplicate_no_event()
    {
        using var scratch = ScratchRepository.Create();
        Assert.Equal(0, Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" }, "rollout", "start", "--rollback-plan", "x").ExitCode);
        var clones = new[] { scratch.AddClone("a"), scratch.AddClone("b"), scratch.AddClone("c") };

        // Each clone runs 4 writers one after another; the three clones run at the same time.
        var writers = clones.Select((clone, i) => Task.Run(async () =>
        {
            var results = new List<CliRun>();
            for (var k = 1; k <= 4; k++)
            {
                var start = Changegate.Start(clone, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = $"sre{i}@kakao.com" }, "incident", "open", "--title", $"clone {i} #{k}");
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                results.Add(new CliRun(process.ExitCode, await stdout, await stderr));
            }

            return results;
        })).ToList();
        var runs = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var list = Changegate.Process(scratch.Work, null, "incident", "list");
        Assert.Equal(0, list.ExitCode);
        for (var n = 1; n <= 12; n++)
        {
            Assert.Contains($"INC-{n} ", list.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("INC-13", list.Output, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            for (var k = 1; k <= 4; k++)
            {
                Assert.Single(list.Output.Split('\n'), line => line.Contains($"clone {i} #{k}", StringComparison.Ordinal));
            }
        }
    }
}
