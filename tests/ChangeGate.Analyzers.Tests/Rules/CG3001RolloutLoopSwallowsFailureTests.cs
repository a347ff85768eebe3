using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG3001 = Verify<RolloutLoopSwallowsFailureAnalyzer>;

public sealed class CG3001RolloutLoopSwallowsFailureTests
{
    // What a rollout script around the tests looks like: servers, an updater, a log.
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Types = """

        public sealed class Server { public string Name { get; } = ""; public bool Failed { get; set; } }
        public static class Log { public static void Error(string message, Exception? error = null) { } public static void Info(string message) { } }
        """;

    private static string Code(string body) => Usings + body + Types;

    [Fact]
    public async Task Log_and_continue_in_a_foreach_over_servers_is_reported_with_the_loop_and_the_update()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            DeployTo(server);
                        }
                        {|#0:catch (Exception ex)|}
                        {
                            Log.Error($"deploy to {server.Name} failed", ex);
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "DeployTo"));
    }

    [Fact]
    public async Task An_explicit_continue_and_a_bare_catch_are_reported()
    {
        var source = Code("""
            class Rollout
            {
                void Run(string[] hosts)
                {
                    foreach (var host in hosts)
                    {
                        try { UpgradeHost(host); }
                        {|CG3001:catch (Exception)|} { Log.Info("skipping " + host); continue; }
                    }

                    foreach (var host in hosts)
                    {
                        try { UpgradeHost(host); }
                        {|CG3001:catch|} { }
                    }
                }

                void UpgradeHost(string host) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_catch_that_rethrows_or_wraps_after_logging_is_not_reported()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { Log.Error("deploy failed", ex); throw; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { throw new InvalidOperationException($"rollout stopped at {server.Name}", ex); }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_that_breaks_or_returns_on_failure_is_not_reported()
    {
        var source = Code("""
            class Rollout
            {
                bool Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { Log.Error("stopping the rollout", ex); break; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception) { return false; }
                    }

                    return true;
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Setting_state_that_the_loop_checks_stops_it()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers, Queue<Server> pending)
                {
                    var failed = false;
                    foreach (var server in servers)
                    {
                        if (failed) break;
                        try { DeployTo(server); }
                        catch (Exception ex) { Log.Error("failed", ex); failed = true; }
                    }

                    var aborted = false;
                    while (!aborted && pending.TryDequeue(out var next))
                    {
                        try { DeployTo(next); }
                        catch (Exception) { aborted = true; }
                    }

                    var failures = new List<Server>();
                    for (var i = 0; i < servers.Count && failures.Count == 0; i++)
                    {
                        try { DeployTo(servers[i]); }
                        catch (Exception) { failures.Add(servers[i]); }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task State_that_nothing_checks_before_the_next_target_does_not_stop_the_loop()
    {
        // The failures are only looked at after every server has been updated: the 2024-05-21 pattern.
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    var failures = new List<Server>();
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { failures.Add(server); server.Failed = true; }
                    }

                    if (failures.Count > 0) throw new InvalidOperationException("some servers failed");
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Writing_the_current_server_does_not_stop_the_loop_even_when_the_body_checks_it()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        if (server.Failed) continue;
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception)|} { server.Failed = true; }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_over_log_files_named_server_log_is_not_a_rollout()
    {
        var source = Code("""
            class LogRotation
            {
                void Run(string directory, List<string> serverLogs)
                {
                    foreach (var logFile in Directory.GetFiles(directory, "server.log"))
                    {
                        try { UpdateIndex(logFile); }
                        catch (Exception ex) { Log.Error("could not index " + logFile, ex); }
                    }

                    foreach (var serverLog in serverLogs)
                    {
                        try { UpdateIndex(serverLog); }
                        catch (Exception) { }
                    }
                }

                void UpdateIndex(string path) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_try_around_non_update_code_or_a_health_probe_is_not_reported()
    {
        var source = Code("""
            class Monitor
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { Ping(server); }
                        catch (Exception) { Log.Info("unreachable: " + server.Name); }

                        try { Probe(server); }
                        catch (Exception) { }
                    }
                }

                void Ping(Server server) { }
                void Probe(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Locks_and_in_memory_collections_named_like_updates_are_not_the_update()
    {
        // SemaphoreSlim.Release and ConcurrentDictionary.AddOrUpdate change nothing on a server; EF Core's
        // Database.Migrate on each node's database does.
        var test = new ChangeGateAnalyzerTest<RolloutLoopSwallowsFailureAnalyzer>
        {
            ReferenceAssemblies = MigrationPackages.EntityFrameworkCore,
            TestCode = Code("""
                using System.Collections.Concurrent;
                using Microsoft.EntityFrameworkCore;

                class Monitor
                {
                    async Task PingAll(List<Server> servers, SemaphoreSlim gate, ConcurrentDictionary<string, int> seen)
                    {
                        foreach (var server in servers)
                        {
                            try
                            {
                                await gate.WaitAsync();
                                seen.AddOrUpdate(server.Name, 1, (_, count) => count + 1);
                                gate.Release();
                            }
                            catch (Exception ex) { Log.Error("ping failed", ex); }
                        }
                    }

                    void MigrateAll(List<Server> servers, Func<Server, DbContext> open)
                    {
                        foreach (var server in servers)
                        {
                            try { open(server).Database.Migrate(); }
                            {|#0:catch (Exception ex)|} { Log.Error("migration failed", ex); }
                        }
                    }
                }
                """),
        };
        test.ExpectedDiagnostics.Add(VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "Migrate"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Specific_exception_types_and_filters_are_deliberate_decisions()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (TimeoutException) { Log.Info("slow, will be retried by the scheduler"); }
                        catch (Exception ex) when (ex is IOException) { Log.Error("disk", ex); }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task In_a_ForEach_lambda_return_moves_on_to_the_next_target()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers, Server[] replicas)
                {
                    servers.ForEach(server =>
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); return; }
                    });

                    Array.ForEach(replicas, replica =>
                    {
                        try { DeployTo(replica); }
                        {|CG3001:catch|} { }
                    });

                    servers.ForEach(server =>
                    {
                        try { DeployTo(server); }
                        catch (Exception) { throw; }
                    });
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Parallel_loops_are_reported_unless_the_catch_stops_them()
    {
        var source = Code("""
            class Rollout
            {
                async Task Run(List<Server> servers, CancellationTokenSource rollout)
                {
                    Parallel.ForEach(servers, server =>
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); }
                    });

                    Parallel.ForEach(servers, (server, state) =>
                    {
                        try { DeployTo(server); }
                        catch (Exception) { state.Stop(); }
                    });

                    await Parallel.ForEachAsync(servers, async (server, token) =>
                    {
                        try { await DeployToAsync(server, token); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); }
                    });

                    await Parallel.ForEachAsync(servers, rollout.Token, async (server, token) =>
                    {
                        try { await DeployToAsync(server, token); }
                        catch (Exception) { rollout.Cancel(); }
                    });
                }

                void DeployTo(Server server) { }
                Task DeployToAsync(Server server, CancellationToken token) => Task.CompletedTask;
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_parallel_loop_written_with_named_arguments_in_any_order_is_read_by_parameter()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    Parallel.ForEach(body: server =>
                    {
                        try { DeployTo(server); }
                        {|#0:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }, source: servers);
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "DeployTo"));
    }

    [Fact]
    public async Task Async_loops_for_loops_and_while_loops_over_targets_are_reported()
    {
        var source = Code("""
            class NodeUpgrader
            {
                async Task Run(IAsyncEnumerable<Server> nodes, List<Server> servers, Queue<string> pending)
                {
                    await foreach (var node in nodes)
                    {
                        try { await UpgradeAsync(node); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("upgrade failed", ex); }
                    }

                    for (var i = 0; i < servers.Count; i++)
                    {
                        try { await UpgradeAsync(servers[i]); }
                        {|CG3001:catch (Exception)|} { }
                    }

                    while (pending.TryDequeue(out var host))
                    {
                        try { Install(host); }
                        {|CG3001:catch (Exception)|} { }
                    }
                }

                Task UpgradeAsync(Server server) => Task.CompletedTask;
                void Install(string host) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_break_that_only_leaves_an_inner_retry_loop_still_goes_on_to_the_next_server()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try { DeployTo(server); break; }
                            {|CG3001:catch (Exception)|} { Log.Info("retrying"); }
                        }
                    }

                    foreach (var server in servers)
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try { DeployTo(server); break; }
                            catch (Exception) when (attempt < 3) { Log.Info("retrying"); }
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task In_a_rollout_over_regions_and_their_servers_only_stopping_the_outer_loop_stops_the_rollout()
    {
        var source = Code("""
            public sealed class Region { public List<Server> Servers { get; } = new(); }

            class Rollout
            {
                void BreaksOnlyTheRegion(List<Region> regions)
                {
                    foreach (var region in regions)
                    {
                        foreach (var server in region.Servers)
                        {
                            try { DeployTo(server); }
                            {|#0:catch (Exception ex)|} { Log.Error("giving up on this region", ex); break; }
                        }
                    }
                }

                void ResetsTheFlagForEveryRegion(List<Region> regions)
                {
                    foreach (var region in regions)
                    {
                        var failed = false;
                        foreach (var server in region.Servers)
                        {
                            if (failed) break;
                            try { DeployTo(server); }
                            {|#1:catch (Exception)|} { failed = true; }
                        }
                    }
                }

                void StopsEverything(List<Region> regions)
                {
                    var failed = false;
                    foreach (var region in regions)
                    {
                        foreach (var server in region.Servers)
                        {
                            if (failed) break;
                            try { DeployTo(server); }
                            catch (Exception) { failed = true; }
                        }
                    }

                    foreach (var region in regions)
                    {
                        foreach (var server in region.Servers)
                        {
                            try { DeployTo(server); }
                            catch (Exception) { return; }
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(
            source,
            VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("Servers", "DeployTo"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(1).WithArguments("Servers", "DeployTo"));
    }

    [Fact]
    public async Task Calls_that_never_return_stop_the_loop()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { Environment.FailFast("rollout corrupted a server", ex); }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw(); }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_try_around_the_whole_loop_or_in_a_lambda_run_elsewhere_is_not_reported()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers, List<Action> later)
                {
                    try
                    {
                        foreach (var server in servers) DeployTo(server);
                    }
                    catch (Exception ex) { Log.Error("rollout stopped", ex); }

                    foreach (var server in servers)
                    {
                        later.Add(() =>
                        {
                            try { DeployTo(server); }
                            catch (Exception) { }
                        });
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_extension_method_that_returns_the_targets_names_them()
    {
        // LINQ operators pass their receiver's name on (servers.Where(…) is still 'servers'); fleet.Servers() is 'Servers'.
        var source = Code("""
            static class FleetExtensions
            {
                public static IEnumerable<string> Servers(this Fleet fleet) => fleet.Names;
            }

            class Fleet { public List<string> Names { get; } = new(); }

            class Rollout
            {
                void Run(Fleet fleet)
                {
                    foreach (var name in fleet.Servers().Where(n => n.Length > 0))
                    {
                        try { DeployTo(name); }
                        {|#0:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }
                }

                void DeployTo(string name) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("Servers", "DeployTo"));
    }

    [Fact]
    public async Task Target_names_come_from_the_options()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<string> shards, List<Server> servers)
                {
                    foreach (var shard in shards)
                    {
                        try { DeployTo(shard); }
                        {|CG3001:catch (Exception)|} { }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server.Name); }
                        catch (Exception) { }
                    }
                }

                void DeployTo(string name) { }
            }
            """);

        await VerifyCG3001.AnalyzerWithOptionsAsync(source, new[] { "changegate.target_names = shard" });
    }

    [Fact]
    public async Task Update_names_come_from_the_options()
    {
        var source = Code("""
            class Fleet
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { Sync(server); }
                        {|CG3001:catch (Exception)|} { }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception) { }
                    }
                }

                void Sync(Server server) { }
                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerWithOptionsAsync(source, new[] { "changegate.update_names = Sync" });
    }

    // Field report class 8: an exit that depends only on unrelated state lets every real failure move on.
    [Fact]
    public async Task A_catch_that_leaves_only_when_the_operator_aborted_is_reported_and_an_error_budget_is_not()
    {
        var source = Code("""
            public sealed class Kiosk { public string Name { get; } = ""; }
            public interface ILog { void LogError(Exception ex, string message, object arg); }

            class FirmwareRollout
            {
                private bool _operatorAborted;
                private int _maxFailures = 3;
                private readonly ILog _log = null!;

                async Task RunAsync(List<Kiosk> kiosks)
                {
                    var failed = new List<Kiosk>();
                    foreach (var kiosk in kiosks)
                    {
                        try
                        {
                            await UpdateKioskFirmwareAsync(kiosk);
                        }
                        {|#0:catch (Exception ex)|}
                        {
                            failed.Add(kiosk);
                            _log.LogError(ex, "firmware push to {Kiosk} failed", kiosk.Name);
                            if (_operatorAborted) return;
                        }
                    }

                    var errors = new List<Kiosk>();
                    foreach (var kiosk in kiosks)
                    {
                        try { await UpdateKioskFirmwareAsync(kiosk); }
                        catch (Exception ex)
                        {
                            errors.Add(kiosk);
                            _log.LogError(ex, "firmware push to {Kiosk} failed", kiosk.Name);
                            if (errors.Count >= _maxFailures) throw;
                        }
                    }
                }

                Task UpdateKioskFirmwareAsync(Kiosk kiosk) => Task.CompletedTask;
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("kiosks", "UpdateKioskFirmwareAsync"));
    }

    [Fact]
    public async Task An_exit_only_on_cancellation_or_on_a_setting_lets_real_failures_move_on()
    {
        // Decision: a test that the exception is a cancellation is not failure state. It holds only when the operator or
        // the host cancelled; every real failure still moves on to the next target.
        var source = Code("""
            class Rollout
            {
                private bool _continueOnError;

                void Run(List<Server> servers, CancellationToken token)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); if (ex is OperationCanceledException) throw; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); if (ex is TaskCanceledException or OperationCanceledException) return; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); if (token.IsCancellationRequested) break; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); if (!_continueOnError) { } else { continue; } }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        {|CG3001:catch (Exception ex)|} { Log.Error("failed", ex); if (!_continueOnError) throw; }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Exits_on_every_real_failure_or_behind_a_decision_about_the_failure_stop_the_rollout()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    // Cancellation moves on, every other failure stops.
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { if (ex is OperationCanceledException) continue; throw; }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { if (ex is not OperationCanceledException) throw; }
                    }

                    // A classification of the failure is a deliberate decision, like a specific catch.
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex)
                        {
                            switch (ex)
                            {
                                case TimeoutException: continue;
                                default: throw;
                            }
                        }
                    }

                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex) { if (IsTransient(ex)) { Log.Info("retry later"); } else { throw; } }
                    }

                    // A counter this catch writes.
                    var errors = 0;
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception) { errors++; if (errors > 3) break; }
                    }

                    // On every path: through a finally, and through both branches of an if.
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception ex)
                        {
                            try { Log.Error("failed", ex); } finally { Log.Info("stopping"); }
                            if (server.Failed) { Log.Info("known bad"); throw; } else { throw new InvalidOperationException("stopped", ex); }
                        }
                    }
                }

                static bool IsTransient(Exception ex) => ex is TimeoutException;
                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source);
    }

    // Issue item 5: the update can be a delegate or a call through an interface.
    [Fact]
    public async Task Delegates_and_interface_calls_named_for_an_update_are_the_update()
    {
        var source = Code("""
            public interface IServerTask { Task RunAsync(Server server); }

            class Rollout
            {
                private readonly IServerTask _installer = null!;
                private readonly IServerTask _probe = null!;

                async Task RunAsync(List<Server> servers, Action<Server> deploy, Func<Server, Task> upgradeAsync, Action<Server> log)
                {
                    foreach (var s in servers)
                    {
                        try { deploy(s); }
                        {|#0:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    foreach (var s in servers)
                    {
                        try { await upgradeAsync(s); }
                        {|#1:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    foreach (var s in servers)
                    {
                        try { await _installer.RunAsync(s); }
                        {|#2:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    // A delegate or receiver whose name says nothing of an update: nothing to say.
                    foreach (var s in servers)
                    {
                        try { log(s); await _probe.RunAsync(s); }
                        catch (Exception ex) { Log.Error("failed", ex); }
                    }
                }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(
            source,
            VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "deploy"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(1).WithArguments("servers", "upgradeAsync"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(2).WithArguments("servers", "_installer.RunAsync"));
    }

    [Fact]
    public async Task A_call_through_a_home_grown_step_interface_inside_a_target_loop_is_the_update()
    {
        var source = Code("""
            public interface ICatalogFixup { Task RunAsync(Server server); }

            class Rollout
            {
                async Task RunAsync(List<Server> servers, IReadOnlyList<ICatalogFixup> fixups)
                {
                    foreach (var server in servers)
                    {
                        foreach (var fixup in fixups)
                        {
                            try { await fixup.RunAsync(server); }
                            {|#0:catch (Exception ex)|} { Log.Error("fixup failed", ex); }
                        }
                    }
                }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "RunAsync"));
    }

    // Field report class 2: calls that do not bind while code is being edited are still read.
    [Fact]
    public async Task A_rollout_over_unresolved_types_is_judged_by_the_names_it_uses()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            class Rollout
            {
                private readonly FleetDeployer _deployer = null!;

                async Task RunAsync(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { await _deployer.PushReleaseAsync(server, Manifest.Current); }
                        {|#0:catch (Exception ex)|} { Console.WriteLine(ex); }
                    }

                    foreach (var server in servers)
                    {
                        try { await _deployer.PingAsync(server); }
                        catch (Exception ex) { Console.WriteLine(ex); }
                    }
                }
            }
            """;

        await VerifyCG3001.AnalyzerOnBrokenCodeAsync(source, VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "PushReleaseAsync"));
    }

    [Fact]
    public async Task The_severity_can_be_configured_off()
    {
        var source = Code("""
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (Exception) { }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3001.AnalyzerWithOptionsAsync(source, new[] { "dotnet_diagnostic.CG3001.severity = none" });
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer_and_calls_that_do_not_bind_are_read_by_name()
    {
        // Code under edit: nothing here binds, but the loops go over targets and the calls say what they do. A loop with no
        // collection yet is not a rollout of its own; here the unclosed catch above makes it part of the loop over servers.
        const string source = """
            using System;
            class Rollout
            {
                void Run(Server[] servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server) }
                        {|CG3001:catch (Exception ex)|} { Log(ex
                    }

                    foreach (var host in )
                    {
                        try { Upgrade(host); } {|CG3001:catch|} { }
                    }

                    while (pending.TryDequeue(out var node)) { try { Install(node); } {|CG3001:catch (Exception)|} { } }
                }
            """;

        await VerifyCG3001.AnalyzerOnBrokenCodeAsync(source);
    }

    [Fact]
    public async Task Broken_code_inside_an_otherwise_reported_loop_is_still_reported()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            class Rollout
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); UnknownCall(server, ; }
                        {|CG3001:catch (Exception ex)|} { Missing.Log(ex); }
                    }
                }

                void DeployTo(Server server) { }
            }
            public sealed class Server { }
            """;

        await VerifyCG3001.AnalyzerOnBrokenCodeAsync(source);
    }

    // Issue item 1 of this rule's work: only a call that changes a target is the change rolled out. Queries (by their verb, or
    // a bool or a list answered by a member not named as an action) and event subscriptions are not, whatever update word they
    // hold; a bool-returning action (UpdateHost reports success) still is.
    [Fact]
    public async Task Queries_question_named_members_and_event_subscriptions_in_the_try_are_not_the_update()
    {
        var source = Code("""
            public sealed class Inventory
            {
                public IReadOnlyList<string> GetPendingUpdates(Server s) => new List<string>();
                public string ReadInstalledVersion(Server s) => "";
                public int CountUpgradedServices(Server s) => 0;
                public bool PatchAppliedOn(Server s) => true;
                public Task<bool> UpgradeAttemptedOnAsync(Server s) => Task.FromResult(true);
                public List<string> PackagesToUpdate(Server s) => new();
                public event EventHandler? Updated;
                public bool UpdateHost(Server s) => true;
                public List<Server> PatchAll(Server s) => new();
            }

            class Rollout
            {
                private readonly Inventory _inventory = new();

                async Task SurveyAsync(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            var pending = _inventory.GetPendingUpdates(server);
                            var version = _inventory.ReadInstalledVersion(server);
                            var count = _inventory.CountUpgradedServices(server);
                            var applied = _inventory.PatchAppliedOn(server) || await _inventory.UpgradeAttemptedOnAsync(server);
                            var packages = _inventory.PackagesToUpdate(server);
                            _inventory.Updated += OnServerUpdated;
                            _inventory.Updated -= OnServerUpdated;
                        }
                        catch (Exception ex)
                        {
                            Log.Error("survey failed", ex);
                        }
                    }
                }

                void Push(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            if (_inventory.PatchAppliedOn(server)) continue;
                            var ok = _inventory.UpdateHost(server);
                        }
                        {|#0:catch (Exception ex)|}
                        {
                            Log.Error("update failed", ex);
                        }
                    }

                    foreach (var host in servers)
                    {
                        try { _inventory.PatchAll(host); }
                        {|#1:catch (Exception ex)|} { Log.Error("patch failed", ex); }
                    }

                    // Load is no query verb: loading an update image onto a server changes it.
                    foreach (var node in servers)
                    {
                        try { LoadUpdateImage(node); }
                        {|#2:catch (Exception ex)|} { Log.Error("load failed", ex); }
                    }
                }

                void LoadUpdateImage(Server s) { }

                void OnServerUpdated(object? sender, EventArgs e) { }
            }
            """);

        await VerifyCG3001.AnalyzerAsync(
            source,
            VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "UpdateHost"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(1).WithArguments("servers", "PatchAll"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(2).WithArguments("servers", "LoadUpdateImage"));
    }

    // Issue item 5: a delegate or local function made, in the same method, from an update is that update, whatever its own
    // name; one made from a query or from logging is not.
    [Fact]
    public async Task A_local_delegate_or_local_function_made_from_an_update_is_the_update()
    {
        var source = Code("""
            class Fleet
            {
                void Roll(List<Server> servers, bool canary)
                {
                    Action<Server> step = x => InstallAgent(x);
                    foreach (var s in servers)
                    {
                        try { step(s); }
                        {|#0:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    Func<Server, Task> work;
                    work = canary ? new Func<Server, Task>(PatchKernelAsync) : PatchKernelAsync;
                    foreach (var node in servers)
                    {
                        try { work(node).Wait(); }
                        {|#1:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    foreach (var machine in servers)
                    {
                        try { Push(machine); }
                        {|#2:catch (Exception ex)|} { Log.Error("failed", ex); }
                    }

                    void Push(Server target) => DeployBundle(target, "v2");

                    // Made from a query and from logging: nothing to say.
                    Func<Server, bool> probe = x => GetUpgradeState(x);
                    Action<Server> note = x => Log.Info(x.Name);
                    foreach (var s in servers)
                    {
                        try { probe(s); note(s); Describe(s); }
                        catch (Exception ex) { Log.Error("failed", ex); }
                    }

                    void Describe(Server target) => Log.Info(target.Name);
                }

                void InstallAgent(Server s) { }
                Task PatchKernelAsync(Server s) => Task.CompletedTask;
                void DeployBundle(Server s, string version) { }
                bool GetUpgradeState(Server s) => true;
            }
            """);

        await VerifyCG3001.AnalyzerAsync(
            source,
            VerifyCG3001.Diagnostic("CG3001").WithLocation(0).WithArguments("servers", "step"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(1).WithArguments("servers", "work"),
            VerifyCG3001.Diagnostic("CG3001").WithLocation(2).WithArguments("servers", "Push"));
    }
}
