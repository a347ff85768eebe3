using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG3002 = Verify<UnstagedFanOutAnalyzer>;

public sealed class CG3002UnstagedFanOutTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Types = """

        public sealed class Server { public string Name { get; } = ""; public bool IsHealthy { get; } }
        public sealed class Stage { public List<Server> Servers { get; } = new(); }
        public sealed class Region { public List<Server> Servers { get; } = new(); }
        """;

    private static string Code(string body) => Usings + body + Types;

    [Fact]
    public async Task Parallel_ForEach_over_servers_is_reported_as_information_with_the_update_and_the_targets()
    {
        var source = Code("""
            class Release
            {
                void Run(List<Server> servers)
                {
                    {|#0:Parallel.ForEach|}(servers, server => DeployTo(server));
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(
            source,
            VerifyCG3002.Diagnostic("CG3002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployTo", "servers"));
    }

    // Calls are read per type (and only in types whose text names a delegate loop or a fan-out): each fan-out is still found,
    // once, in top-level statements, in a nested type and in each part of a partial type spread over two files.
    [Fact]
    public async Task Fan_outs_are_found_once_in_top_level_statements_nested_types_and_partial_types()
    {
        var test = new ChangeGateAnalyzerTest<UnstagedFanOutAnalyzer>
        {
            TestCode = Usings + """
                var servers = new List<Server>();
                {|#0:Parallel.ForEach|}(servers, server => Rollout.DeployTo(server));

                static partial class Rollout
                {
                    public static void DeployTo(Server server) { }

                    sealed class Inner
                    {
                        void Run(Server[] hosts) => {|#1:Array.ForEach|}(hosts, host => DeployTo(host));
                    }
                }

                sealed class Quiet
                {
                    void Run(List<Server> servers) { foreach (var server in servers) { Check(server); } }
                    void Check(Server server) { }
                }
                """ + Types,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("/src/Rollout.Part.cs", Usings + """
            static partial class Rollout
            {
                static async Task RunAll(List<Server> servers) => await {|#2:Task.WhenAll|}(servers.Select(s => DeployAsync(s)));
                static Task DeployAsync(Server server) => Task.CompletedTask;
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyCG3002.Diagnostic("CG3002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployTo", "servers"));
        test.ExpectedDiagnostics.Add(VerifyCG3002.Diagnostic("CG3002").WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployTo", "hosts"));
        test.ExpectedDiagnostics.Add(VerifyCG3002.Diagnostic("CG3002").WithLocation(2).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployAsync", "servers"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Named_arguments_in_any_order_are_read_by_parameter()
    {
        // Arguments are in source order in the operation tree; the targets and the work are found by parameter.
        var source = Code("""
            class Release
            {
                async Task Run(List<Server> servers, Server[] hosts)
                {
                    {|#0:Parallel.ForEach|}(body: server => DeployTo(server), source: servers);
                    {|#1:Array.ForEach|}(action: host => DeployTo(host), array: hosts);
                    await {|#2:Task.WhenAll|}(Enumerable.Select(selector: server => DeployAsync(server), source: servers));
                }

                void DeployTo(Server server) { }
                Task DeployAsync(Server server) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(
            source,
            VerifyCG3002.Diagnostic("CG3002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployTo", "servers"),
            VerifyCG3002.Diagnostic("CG3002").WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployTo", "hosts"),
            VerifyCG3002.Diagnostic("CG3002").WithLocation(2).WithSeverity(DiagnosticSeverity.Info).WithArguments("DeployAsync", "servers"));
    }

    [Fact]
    public async Task Method_groups_and_ForEachAsync_are_fan_outs_too()
    {
        var source = Code("""
            class Release
            {
                async Task Run(Server[] servers, List<string> hosts)
                {
                    {|CG3002:Parallel.ForEach|}(servers, DeployTo);
                    await {|CG3002:Parallel.ForEachAsync|}(hosts, async (host, token) => await UpgradeAsync(host, token));
                }

                void DeployTo(Server server) { }
                Task UpgradeAsync(string host, CancellationToken token) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Task_WhenAll_over_a_Select_of_updates_is_reported_directly_and_through_locals()
    {
        var source = Code("""
            class Release
            {
                async Task Run(List<Server> servers, string[] nodes)
                {
                    await {|CG3002:Task.WhenAll|}(servers.Select(server => DeployAsync(server)));

                    var upgrades = nodes.Select(UpgradeNodeAsync).ToList();
                    await {|CG3002:Task.WhenAll|}(upgrades);

                    {|CG3002:Task.WaitAll|}(servers.Select(DeployAsync).ToArray());
                }

                Task DeployAsync(Server server) => Task.CompletedTask;
                Task UpgradeNodeAsync(string node) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_over_servers_without_a_health_check_between_them_is_reported_on_its_header()
    {
        var source = Code("""
            class Release
            {
                void Run(List<Server> servers, Queue<Server> pending)
                {
                    {|CG3002:foreach (var server in servers)|}
                    {
                        DeployTo(server);
                    }

                    {|CG3002:for (var i = 0; i < servers.Count; i++)|}
                    {
                        DeployTo(servers[i]);
                    }

                    {|CG3002:while (pending.TryDequeue(out var server))|}
                    {
                        DeployTo(server);
                    }

                    {|CG3002:servers.ForEach|}(server => DeployTo(server));
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_health_check_between_targets_stages_a_sequential_loop()
    {
        var source = Code("""
            class Release
            {
                async Task Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        DeployTo(server);
                        await WaitForHealthyAsync(server);
                    }

                    foreach (var server in servers)
                    {
                        DeployTo(server);
                        if (!server.IsHealthy) break;
                    }

                    servers.ForEach(server => { DeployTo(server); HealthCheck(server); });
                }

                void DeployTo(Server server) { }
                void HealthCheck(Server server) { }
                Task WaitForHealthyAsync(Server server) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_health_check_inside_each_concurrent_branch_does_not_stage_a_fan_out()
    {
        // Every server is already being updated while the first health check runs.
        var source = Code("""
            class Release
            {
                async Task Run(List<Server> servers)
                {
                    {|CG3002:Parallel.ForEach|}(servers, server => { DeployTo(server); HealthCheck(server); });
                    await {|CG3002:Task.WhenAll|}(servers.Select(async server =>
                    {
                        DeployTo(server);
                        await WaitForHealthyAsync(server);
                    }));
                }

                void DeployTo(Server server) { }
                void HealthCheck(Server server) { }
                Task WaitForHealthyAsync(Server server) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Batches_with_a_health_check_between_them_are_staged()
    {
        var source = Code("""
            class Release
            {
                async Task Run(List<Server> servers, List<Stage> stages)
                {
                    foreach (var batch in servers.Chunk(10))
                    {
                        await Task.WhenAll(batch.Select(DeployAsync));
                        await WaitForHealthyAsync(batch);
                    }

                    foreach (var stage in stages)
                    {
                        Parallel.ForEach(stage.Servers, server => DeployTo(server));
                        foreach (var server in stage.Servers)
                        {
                            DeployTo(server);
                        }

                        Verify(stage);
                    }
                }

                void DeployTo(Server server) { }
                Task DeployAsync(Server server) => Task.CompletedTask;
                Task WaitForHealthyAsync(Server[] batch) => Task.CompletedTask;
                void Verify(Stage stage) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Waves_that_check_health_before_the_next_wave_are_staged_even_when_the_wave_is_fetched()
    {
        var source = Code("""
            class Release
            {
                async Task Run()
                {
                    for (var wave = 0; wave < 3; wave++)
                    {
                        Parallel.ForEach(NextServers(), server => DeployTo(server));
                        await WaitForHealthyAsync();
                    }

                    for (var wave = 0; wave < 3; wave++)
                    {
                        {|CG3002:Parallel.ForEach|}(NextServers(), server => DeployTo(server));
                    }
                }

                List<Server> NextServers() => new();
                void DeployTo(Server server) { }
                Task WaitForHealthyAsync() => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_over_regions_without_checks_is_reported_once_on_the_outer_loop()
    {
        // The regions are the stages; nothing checks one before the next starts.
        var source = Code("""
            class Release
            {
                void Run(List<Region> regions)
                {
                    {|CG3002:foreach (var region in regions)|}
                    {
                        foreach (var server in region.Servers)
                        {
                            DeployTo(server);
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_over_log_files_named_server_log_is_not_a_fan_out()
    {
        var source = Code("""
            class LogRotation
            {
                void Run(string directory, List<string> serverLogs)
                {
                    foreach (var logFile in Directory.GetFiles(directory, "server.log"))
                    {
                        UpdateIndex(logFile);
                    }

                    Parallel.ForEach(serverLogs, UpdateIndex);
                }

                void UpdateIndex(string path) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Fan_outs_that_change_nothing_are_not_reported()
    {
        var source = Code("""
            class Inventory
            {
                async Task Run(List<Server> servers)
                {
                    await Task.WhenAll(servers.Select(server => PingAsync(server)));
                    Parallel.ForEach(servers, server => Console.WriteLine(server.Name));
                    foreach (var server in servers) Console.WriteLine(server.Name);
                }

                Task PingAsync(Server server) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Releasing_a_throttle_is_not_an_update()
    {
        var source = Code("""
            class Inventory
            {
                async Task RefreshAll(List<Server> servers, SemaphoreSlim gate)
                {
                    await Task.WhenAll(servers.Select(async server =>
                    {
                        await gate.WaitAsync();
                        try { await RefreshAsync(server); }
                        finally { gate.Release(); }
                    }));
                }

                Task RefreshAsync(Server server) => Task.CompletedTask;
            }
            """);

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Health_method_names_come_from_the_options()
    {
        var source = Code("""
            class Release
            {
                void Run(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        DeployTo(server);
                        SmokeTest(server);
                    }

                    {|CG3002:foreach (var server in servers)|}
                    {
                        DeployTo(server);
                        HealthCheck(server);
                    }
                }

                void DeployTo(Server server) { }
                void SmokeTest(Server server) { }
                void HealthCheck(Server server) { }
            }
            """);

        await VerifyCG3002.AnalyzerWithOptionsAsync(source, new[] { "changegate.health_methods = SmokeTest" });
    }

    [Fact]
    public async Task Target_names_come_from_the_options()
    {
        var source = Code("""
            class Release
            {
                void Run(List<string> tenants, List<Server> servers)
                {
                    {|CG3002:Parallel.ForEach|}(tenants, tenant => MigrateTenant(tenant));
                    Parallel.ForEach(servers, server => MigrateTenant(server.Name));
                }

                void MigrateTenant(string tenant) { }
            }
            """);

        await VerifyCG3002.AnalyzerWithOptionsAsync(source, new[] { "changegate.target_names = tenant" });
    }

    // Options are kept per tree between loops (the tree asked last): trees under different .editorconfig sections, analyzed one
    // after the other, must each be read with their own target names. Under /stores the targets are stores (and servers are
    // none); elsewhere they are the default ones: servers, and no stores.
    [Fact]
    public async Task Each_tree_is_read_with_its_own_target_names_when_folders_set_different_ones()
    {
        static string Part(string name, bool stores)
        {
            string Marked(string code, bool reported) => reported ? "{|CG3002:" + code + "|}" : code;
            return Usings + $$"""
                sealed class {{name}}
                {
                    void Run(List<string> stores, List<Server> servers)
                    {
                        {{Marked("Parallel.ForEach", stores)}}(stores, store => MigrateStore(store));
                        {{Marked("Parallel.ForEach", !stores)}}(servers, server => MigrateStore(server.Name));
                        {{Marked("foreach (var store in stores)", stores)}} { MigrateStore(store); }
                        {{Marked("foreach (var server in servers)", !stores)}} { MigrateStore(server.Name); }
                        {{Marked("for (var i = 0; i < servers.Count; i++)", !stores)}} { MigrateStore(stores[i]); }
                    }

                    void MigrateStore(string store) { }
                }
                """;
        }

        var test = new ChangeGateAnalyzerTest<UnstagedFanOutAnalyzer>();
        test.TestState.Sources.Add(("/stores/A.cs", Part("A", stores: true)));
        test.TestState.Sources.Add(("/fleet/B.cs", Part("B", stores: false) + Types));
        test.TestState.Sources.Add(("/stores/C.cs", Part("C", stores: true)));
        test.TestState.AnalyzerConfigFiles.Add(("/stores/.editorconfig", EditorConfig.Text("changegate.target_names = store")));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_severity_can_be_raised_in_editorconfig()
    {
        var source = Code("""
            class Release
            {
                void Run(List<Server> servers) => {|#0:Parallel.ForEach|}(servers, server => DeployTo(server));
                void DeployTo(Server server) { }
            }
            """);

        await VerifyCG3002.AnalyzerWithOptionsAsync(
            source,
            new[] { "dotnet_diagnostic.CG3002.severity = warning" },
            VerifyCG3002.Diagnostic("CG3002").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("DeployTo", "servers"));
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            class Release
            {
                async Task Run(Server[] servers)
                {
                    Parallel.ForEach(servers, );
                    await Task.WhenAll(servers.Select(s => DeployAsync(s, )));
                    foreach (var server in ) { Deploy(server); }
                    await Task.WhenAll(undefined.Select(x => x));
                    for (;;) { Upgrade(
            """;

        await VerifyCG3002.AnalyzerOnBrokenCodeAsync(source);
    }

    // Only a state-changing call fans a change out: queries (by verb, or a bool or a list answered by a member not named as an
    // action), and event subscriptions, are no change, whatever update word they hold. An action that answers with a bool is.
    [Fact]
    public async Task Loops_that_only_query_or_subscribe_per_target_are_not_fan_outs()
    {
        var source = Code("""
            public sealed class PatchCatalog
            {
                public bool AppliedOn(Server s) => true;
                public bool UpgradeAttemptedFor(Server s) => false;
                public List<string> HotfixesToInstall(Server s) => new();
                public string ReadDeployedVersion(Server s) => "";
                public IEnumerable<Server> ListUpgradable(Server s) => new List<Server>();
                public event EventHandler? Deployed;
                public string DeployedBuildOf(Server s) => "";
                public Server UpgradedPeerOf(Server s) => s;
                public bool InstallHotfix(Server s) => true;
                public Task<bool> UpdateFirmwareAsync(Server s) => Task.FromResult(true);
            }

            class PoolWizard
            {
                private readonly PatchCatalog _catalog = new();

                void Survey(List<Server> servers)
                {
                    foreach (var server in servers)
                    {
                        if (_catalog.AppliedOn(server) || _catalog.UpgradeAttemptedFor(server)) continue;
                        var hotfixes = _catalog.HotfixesToInstall(server);
                        Console.WriteLine(_catalog.ReadDeployedVersion(server) + _catalog.ListUpgradable(server).Count());
                        Console.WriteLine(_catalog.DeployedBuildOf(server) + _catalog.UpgradedPeerOf(server).Name);
                    }

                    foreach (var host in servers)
                    {
                        _catalog.Deployed += OnDeployed;
                    }

                    Parallel.ForEach(servers, s => _catalog.ReadDeployedVersion(s));
                }

                async Task Apply(List<Server> servers)
                {
                    {|#0:foreach (var server in servers)|}
                    {
                        if (_catalog.AppliedOn(server)) continue;
                        _catalog.InstallHotfix(server);
                    }

                    await {|#1:Task.WhenAll|}(servers.Select(s => _catalog.UpdateFirmwareAsync(s)));
                }

                void OnDeployed(object? sender, EventArgs e) { }
            }
            """);

        await VerifyCG3002.AnalyzerAsync(
            source,
            VerifyCG3002.Diagnostic("CG3002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("InstallHotfix", "servers"),
            VerifyCG3002.Diagnostic("CG3002").WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments("UpdateFirmwareAsync", "servers"));
    }
}
