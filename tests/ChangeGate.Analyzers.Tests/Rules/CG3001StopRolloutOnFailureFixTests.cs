using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using ChangeGate.CodeFixes;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG3001 = Verify<RolloutLoopSwallowsFailureAnalyzer>;

public sealed class CG3001StopRolloutOnFailureFixTests
{
    private const string Types = """

        public sealed class Server { public string Name { get; } = ""; }
        public static class Log { public static void Error(string message, System.Exception? error = null) { } }
        """;

    [Fact]
    public async Task Rethrows_after_the_existing_handling()
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
                        try
                        {
                            DeployTo(server);
                        }
                        {|CG3001:catch (Exception ex)|}
                        {
                            Log.Error($"deploy to {server.Name} failed", ex);
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """ + Types;
        const string fixedSource = """
            using System;
            using System.Collections.Generic;

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
                        catch (Exception ex)
                        {
                            Log.Error($"deploy to {server.Name} failed", ex);
                            throw;
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, fixedSource);
        await VerifyCG3001.AnalyzerAsync(fixedSource);
    }

    [Fact]
    public async Task Replaces_a_trailing_continue_and_a_trailing_return_in_a_ForEach_delegate()
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
                        try
                        {
                            DeployTo(server);
                        }
                        {|CG3001:catch (Exception ex)|}
                        {
                            Log.Error("skipping " + server.Name, ex);
                            continue;
                        }
                    }

                    servers.ForEach(server =>
                    {
                        try
                        {
                            DeployTo(server);
                        }
                        {|CG3001:catch|}
                        {
                            return;
                        }
                    });
                }

                void DeployTo(Server server) { }
            }
            """ + Types;
        const string fixedSource = """
            using System;
            using System.Collections.Generic;

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
                        catch (Exception ex)
                        {
                            Log.Error("skipping " + server.Name, ex);
                            throw;
                        }
                    }

                    servers.ForEach(server =>
                    {
                        try
                        {
                            DeployTo(server);
                        }
                        catch
                        {
                            throw;
                        }
                    });
                }

                void DeployTo(Server server) { }
            }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Replaces_a_trailing_break_that_only_leaves_the_inner_target_loop()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            class Rollout
            {
                void Run(List<Region> regions)
                {
                    foreach (var region in regions)
                    {
                        foreach (var server in region.Servers)
                        {
                            try
                            {
                                DeployTo(server);
                            }
                            {|CG3001:catch (Exception ex)|}
                            {
                                Log.Error("giving up on this region", ex);
                                break;
                            }
                        }
                    }
                }

                void DeployTo(Server server) { }
            }

            public sealed class Region { public List<Server> Servers { get; } = new(); }
            """ + Types;
        const string fixedSource = """
            using System;
            using System.Collections.Generic;

            class Rollout
            {
                void Run(List<Region> regions)
                {
                    foreach (var region in regions)
                    {
                        foreach (var server in region.Servers)
                        {
                            try
                            {
                                DeployTo(server);
                            }
                            catch (Exception ex)
                            {
                                Log.Error("giving up on this region", ex);
                                throw;
                            }
                        }
                    }
                }

                void DeployTo(Server server) { }
            }

            public sealed class Region { public List<Server> Servers { get; } = new(); }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Fix_all_fixes_every_swallowing_catch_in_the_document()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;

            class Rollout
            {
                async Task Run(Server[] servers, string[] hosts)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            await DeployToAsync(server);
                        }
                        {|CG3001:catch (Exception ex)|}
                        {
                            Log.Error("failed", ex);
                        }
                    }

                    for (var i = 0; i < hosts.Length; i++)
                    {
                        try
                        {
                            Install(hosts[i]);
                        }
                        {|CG3001:catch (Exception)|}
                        {
                        }
                    }
                }

                Task DeployToAsync(Server server) => Task.CompletedTask;
                void Install(string host) { }
            }
            """ + Types;
        const string fixedSource = """
            using System;
            using System.Threading.Tasks;

            class Rollout
            {
                async Task Run(Server[] servers, string[] hosts)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            await DeployToAsync(server);
                        }
                        catch (Exception ex)
                        {
                            Log.Error("failed", ex);
                            throw;
                        }
                    }

                    for (var i = 0; i < hosts.Length; i++)
                    {
                        try
                        {
                            Install(hosts[i]);
                        }
                        catch (Exception)
                        {
                            throw;
                        }
                    }
                }

                Task DeployToAsync(Server server) => Task.CompletedTask;
                void Install(string host) { }
            }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, fixedSource);
        await VerifyCG3001.AnalyzerAsync(fixedSource);
    }

    [Fact]
    public async Task No_fix_when_another_path_of_the_catch_moves_on()
    {
        // A rethrow at the end would leave the early continue swallowing failures: a human must decide.
        const string source = """
            using System;
            using System.Collections.Generic;

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
                        {|CG3001:catch (Exception ex)|}
                        {
                            if (ex is TimeoutException)
                            {
                                continue;
                            }

                            Log.Error("failed", ex);
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, source);
    }

    [Fact]
    public async Task No_fix_inside_a_retry_loop_whose_retries_a_rethrow_would_end()
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
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                DeployTo(server);
                                break;
                            }
                            {|CG3001:catch (Exception ex)|}
                            {
                                Log.Error("retrying", ex);
                            }
                        }
                    }
                }

                void DeployTo(Server server) { }
            }
            """ + Types;

        await VerifyCG3001.CodeFixAsync<StopRolloutOnFailureCodeFix>(source, source);
    }
}
