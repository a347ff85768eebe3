using System.Diagnostics;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChangeGate.Core.Tests.Ledger;

/// <summary>Several OS processes append to one ledger through one bare remote at the same time.</summary>
public sealed class ConcurrentWritersTests
{
    private const string Service = "talk-message";

    [Fact]
    public async Task Four_processes_appending_200_events_each_through_one_bare_remote_lose_and_duplicate_nothing()
    {
        const int writers = 4;
        const int perWriter = 200;
        using var remote = TemporaryGitRepository.CreateBare();
        using var seed = TemporaryGitRepository.CreateWithCommit();
        var clones = Enumerable.Range(0, writers).Select(_ => TemporaryGitRepository.CloneOf(remote, seed)).ToList();
        try
        {
            var tool = Path.Combine(AppContext.BaseDirectory, "ChangeGate.LedgerStress.dll");
            var processes = clones.Select((clone, i) => Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { tool, clone.Path, Service, "origin", $"w{i + 1}", perWriter.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!).ToList();
            var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            foreach (var process in processes)
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            for (var i = 0; i < writers; i++)
            {
                var stderr = await outputs[i].Err;
                Assert.True(processes[i].ExitCode == 0, $"writer {i + 1} exited {processes[i].ExitCode}: {stderr}");
                Assert.StartsWith($"appended {perWriter} events", await outputs[i].Out, StringComparison.Ordinal);
            }

            // Read the shared ledger through every clone: each sees the same chain.
            var clock = new FakeTimeProvider();
            var chains = clones.Select(clone =>
            {
                using var ledger = SharedLedger.Open(clone.Path, Service, "origin", clock).Value;
                var history = ledger.History();
                Assert.True(history.IsSuccess, string.Join("\n", history.Problems));
                return history.Value.Select(e => e.Event).ToList();
            }).ToList();

            var events = chains[0];
            Assert.Equal(writers * perWriter, events.Count);
            Assert.All(chains, chain => Assert.Equal(events.Select(e => e.Id), chain.Select(e => e.Id)));
            Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

            // Every event was decided on the tip it landed on: incidents are numbered 1..400 in chain order,
            // each is resolved exactly once, after it was opened, and none is left open.
            var opened = events.OfType<IncidentOpened>().ToList();
            var resolved = events.OfType<IncidentResolved>().ToList();
            Assert.Equal(Enumerable.Range(1, events.Count / 2).Select(n => $"INC-{n}"), opened.Select(e => e.IncidentId));
            Assert.Equal(opened.Select(e => e.IncidentId).Order(), resolved.Select(e => e.IncidentId).Order());
            Assert.All(resolved, r => Assert.True(events.IndexOf(r) > events.FindIndex(e => e is IncidentOpened o && o.IncidentId == r.IncidentId)));

            // Each writer's events are all there, in the order it wrote them.
            for (var w = 1; w <= writers; w++)
            {
                var mine = events.Where(e => e.Actor == $"w{w}@kakao.com").Select(e => e is IncidentOpened o ? "open " + o.Title : "resolve " + e.Reason).ToList();
                Assert.Equal(Enumerable.Range(1, perWriter / 2).SelectMany(k => new[] { $"open w{w} #{k}", $"resolve w{w} #{k}" }), mine);
            }

            using var reader = SharedLedger.Open(clones[0].Path, Service, "origin", clock).Value;
            Assert.Empty(reader.Read().Value.State.OpenIncidents);
        }
        finally
        {
            clones.ForEach(c => c.Dispose());
        }
    }
}
