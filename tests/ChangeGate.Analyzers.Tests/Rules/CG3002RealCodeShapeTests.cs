using VerifyCG3001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.RolloutLoopSwallowsFailureAnalyzer>;
using VerifyCG3002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnstagedFanOutAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// A rollout loop over names or ids whose body looks each one up as a target (the real-code corpus's class T, in
/// docs/accuracy.md), on invented code of other names and domains, found and not found.
/// </summary>
public sealed class CG3002RealCodeShapeTests
{
    private const string Types = """

        public sealed class TenantInstance { public string Name { get; set; } = ""; }
        public sealed class Device { public string Serial { get; set; } = ""; }
        public sealed class Document { public string Title { get; set; } = ""; }
        public static class Registry
        {
            public static TenantInstance? FindInstance(string name) => null;
            public static System.Threading.Tasks.Task<Device> LookUpAsync(int id) => System.Threading.Tasks.Task.FromResult(new Device());
            public static Document Open(string path) => new Document();
        }
        public sealed class Upgrader
        {
            public bool Upgrade(TenantInstance instance) => true;
            public System.Threading.Tasks.Task DeployFirmwareAsync(Device device) => System.Threading.Tasks.Task.CompletedTask;
            public void UpdateDocument(Document document) { }
        }
        """;

    [Fact]
    public async Task A_loop_that_only_updates_each_target_s_state_on_screen_is_no_rollout()
    {
        const string source = """
            using System.Collections.Generic;

            public class Node { public string Name = ""; }

            public class ClusterDashboard
            {
                public void Refresh(IEnumerable<Node> nodes)
                {
                    foreach (var node in nodes)
                    {
                        UpdateStatusLabel(node);
                        UpdateNodeState(node);
                    }
                }

                public void Roll(IEnumerable<Node> nodes)
                {
                    {|CG3002:foreach (var node in nodes)|}
                    {
                        UpdateNodeBinaries(node);
                    }
                }

                private void UpdateStatusLabel(Node node) { }
                private void UpdateNodeState(Node node) { }
                private void UpdateNodeBinaries(Node node) { }
            }
            """;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_loop_over_names_that_looks_each_one_up_as_a_target_is_a_rollout()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class TenantUpgradeCommand
            {
                public string[] Name { get; set; } = Array.Empty<string>();

                public void UpgradeAll(Upgrader upgrader)
                {
                    {|CG3002:foreach (var name in Name)|}
                    {
                        if (Registry.FindInstance(name) is not TenantInstance instance) break;
                        if (!upgrader.Upgrade(instance)) throw new InvalidOperationException(name);
                    }
                }

                public async Task FlashAll(Upgrader upgrader, IEnumerable<int> deviceIds)
                {
                    {|CG3002:foreach (var id in deviceIds)|}
                    {
                        var device = await Registry.LookUpAsync(id);
                        await upgrader.DeployFirmwareAsync(device);
                    }
                }

                public void UpdateDocuments(Upgrader upgrader, IEnumerable<string> paths)
                {
                    foreach (var path in paths)                   // documents are work items, not targets
                    {
                        var document = Registry.Open(path);
                        upgrader.UpdateDocument(document);
                    }
                }

                public void RegisterPlugins(Upgrader upgrader, IEnumerable<Type> pluginTypes)
                {
                    foreach (var pluginType in pluginTypes)           // an object instance is no deployment target
                    {
                        var instance = Activator.CreateInstance(pluginType);
                        upgrader.UpdateDocument((Document)instance!);
                    }
                }

                public void UpgradeNamed(Upgrader upgrader, IEnumerable<string> names, TenantInstance fallback)
                {
                    foreach (var name in names)                   // the target is not looked up from the element
                    {
                        var instance = fallback;
                        upgrader.Upgrade(instance);
                    }
                }
            }
            """ + Types;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Such_a_loop_that_swallows_a_failure_and_moves_on_is_CG3001()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            public class TenantUpgradeCommand
            {
                public void UpgradeAll(Upgrader upgrader, IEnumerable<string> names)
                {
                    foreach (var name in names)
                    {
                        try
                        {
                            var instance = Registry.FindInstance(name)!;
                            upgrader.Upgrade(instance);
                        }
                        {|CG3001:catch (Exception ex)|}
                        {
                            Console.WriteLine(ex.Message);
                        }
                    }
                }
            }
            """ + Types;

        await VerifyCG3001.AnalyzerAsync(source);
    }

    // Only the loop body's statements are read for the lookup, but all of them: a lookup nested in an if, a try, a using or an
    // inner loop is found; a declaration that is no lookup of the element, nested the same way, is not one.
    [Fact]
    public async Task A_lookup_nested_in_ifs_tries_and_usings_of_the_loop_body_is_still_found()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class FleetCommand
            {
                public void UpgradeTenants(Upgrader upgrader, IEnumerable<string> names, bool dryRun)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        if (!dryRun)
                        {
                            var instance = Registry.FindInstance(name);
                            if (instance != null) upgrader.Upgrade(instance);
                        }
                    }
                }

                public async Task FlashDevices(Upgrader upgrader, IEnumerable<int> serials)
                {
                    {|CG3002:foreach (var serial in serials)|}
                    {
                        try
                        {
                            using (new System.IO.MemoryStream())
                            {
                                if (serial > 0 && await Registry.LookUpAsync(serial) is Device device)
                                {
                                    await upgrader.DeployFirmwareAsync(device);
                                }
                            }
                        }
                        finally
                        {
                            Console.WriteLine(serial);
                        }
                    }
                }

                public void UpgradeWithFallback(Upgrader upgrader, IEnumerable<string> names, TenantInstance fallback, bool verbose)
                {
                    foreach (var name in names)                   // nested, but nothing looks the element up
                    {
                        if (verbose)
                        {
                            var instance = fallback;
                            try { upgrader.Upgrade(instance); } finally { Console.WriteLine(name); }
                        }
                    }
                }
            }
            """ + Types;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    // The body walk dispatches on each statement's kind (issue 9): a lookup in a lock, a switch section, a labeled statement, a
    // while condition, a using declaration or an inner for loop is found all the same; the same statements with no lookup
    // of the element are not one.
    [Fact]
    public async Task A_lookup_nested_in_locks_switches_labels_whiles_and_using_declarations_is_still_found()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            public class FleetCommand
            {
                private readonly object _gate = new object();

                public void InLock(Upgrader upgrader, IEnumerable<string> names)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        lock (_gate)
                        {
                            var instance = Registry.FindInstance(name);
                            if (instance != null) upgrader.Upgrade(instance);
                        }
                    }
                }

                public void InSwitch(Upgrader upgrader, IEnumerable<string> names, int mode)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        switch (mode)
                        {
                            case 1:
                                var instance = Registry.FindInstance(name);
                                if (instance != null) upgrader.Upgrade(instance);
                                break;
                        }
                    }
                }

                public void InLabel(Upgrader upgrader, IEnumerable<string> names)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        retry:
                        if (Registry.FindInstance(name) is not TenantInstance instance) goto retry;
                        upgrader.Upgrade(instance);
                    }
                }

                public void InWhileCondition(Upgrader upgrader, IEnumerable<string> names)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        while (Registry.FindInstance(name) is TenantInstance instance && !upgrader.Upgrade(instance))
                        {
                            Console.WriteLine(name);
                        }
                    }
                }

                public void InUsingDeclarationAndInnerLoop(Upgrader upgrader, IEnumerable<string> names)
                {
                    {|CG3002:foreach (var name in names)|}
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            using var scope = new System.IO.MemoryStream();
                            var instance = Registry.FindInstance(name);
                            if (instance != null) upgrader.Upgrade(instance);
                        }
                    }
                }

                public void NoLookup(Upgrader upgrader, IEnumerable<string> names, TenantInstance fallback, int mode)
                {
                    foreach (var name in names)                   // the same statements, none looks the element up
                    {
                        lock (_gate)
                        {
                            switch (mode)
                            {
                                case 1:
                                    var instance = fallback;
                                    while (instance is TenantInstance other && !upgrader.Upgrade(other)) { }
                                    break;
                            }
                        }
                    }
                }
            }
            """ + Types;

        await VerifyCG3002.AnalyzerAsync(source);
    }
}
