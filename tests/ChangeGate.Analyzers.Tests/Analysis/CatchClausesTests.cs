using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class CatchClausesTests
{
    // Each catch is marked by the string in its Note(...) call.
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        public sealed class Server { public bool Failed { get; set; } }
        namespace Vendor { public class Exception : System.Exception { } }
        class C
        {
            void M(List<Server> servers, CancellationTokenSource rollout)
            {
                foreach (var server in servers)
                {
                    try { } catch (Exception) { Note("log"); }
                    try { } catch (Exception) { Note("rethrow"); throw; }
                    try { } catch (Exception) { Note("break"); break; }
                    try { } catch (Exception) { Note("continue"); continue; }
                    try { } catch (Exception) { Note("return"); return; }
                    try { } catch (Exception) { Note("cancel"); rollout.Cancel(); }
                    try { } catch (Exception) { Note("lambda throw"); Action a = () => throw new Exception(); }
                    try { } catch (Exception) { Note("current target"); server.Failed = true; }
                    try { } catch (TimeoutException) { Note("specific"); }
                    try { } catch (Exception e) when (e is TimeoutException) { Note("filtered"); }
                    try { } catch { Note("bare"); }
                    try { } catch (Vendor.Exception) { Note("vendor Exception"); }
                    for (var attempt = 0; attempt < 3; attempt++) { try { } catch (Exception) { Note("inner break"); break; } }
                }

                servers.ForEach(server => { try { } catch (Exception) { Note("delegate return"); return; } });
                Parallel.ForEach(servers, (server, state) => { try { } catch (Exception) { Note("stop"); state.Stop(); } });

                var failed = false;
                foreach (var server in servers)
                {
                    if (failed) continue;
                    try { } catch (Exception) { Note("flag checked"); failed = true; }
                }

                var errors = 0;
                foreach (var server in servers)
                {
                    try { } catch (Exception) { Note("counter unchecked"); errors++; }
                }

                var budget = 0;
                foreach (var server in servers)
                {
                    try { } catch (Exception) { Note("operator flag"); if (_aborted) return; }
                    try { } catch (Exception) { Note("own counter"); budget++; if (budget > 2) throw; }
                    try { } catch (Exception e) { Note("cancellation only"); if (e is OperationCanceledException) throw; }
                    try { } catch (Exception e) { Note("all but cancellation"); if (e is OperationCanceledException) continue; throw; }
                    try { } catch (Exception e) { Note("negated cancellation"); if (!(e is OperationCanceledException)) break; }
                    try { } catch (Exception e) { Note("classified"); if (e is TimeoutException) { } else { throw; } }
                    try { } catch (Exception) { Note("both branches"); if (_aborted) { throw; } else { return; } }
                    try { } catch (Exception) { Note("inner loop throw"); foreach (var x in servers) { throw; } }
                }
            }

            private bool _aborted;

            static void Note(string what) { }
        }
        """;

    private static readonly CompiledSnippet Snippet = CompiledSnippet.Compile(Source);
    private static readonly RolloutApis Apis = RolloutApis.Resolve(Snippet.Compilation);

    [Theory]
    [InlineData("log", false)]
    [InlineData("rethrow", true)]
    [InlineData("break", true)]
    [InlineData("continue", false)]
    [InlineData("return", true)]
    [InlineData("cancel", true)]
    [InlineData("lambda throw", false)]
    [InlineData("current target", false)]
    [InlineData("inner break", false)]
    [InlineData("delegate return", false)]
    [InlineData("stop", true)]
    [InlineData("flag checked", true)]
    [InlineData("counter unchecked", false)]
    [InlineData("operator flag", false)]        // an exit behind unrelated state lets real failures move on
    [InlineData("own counter", true)]           // behind state this catch writes
    [InlineData("cancellation only", false)]    // only a cancellation stops; real failures move on
    [InlineData("all but cancellation", true)]
    [InlineData("negated cancellation", true)]
    [InlineData("classified", true)]            // a decision about the failure, like a specific catch
    [InlineData("both branches", true)]         // on every path
    [InlineData("inner loop throw", false)]     // the loop body may not run, and its condition says nothing of the failure
    public void Decides_whether_a_catch_stops_the_rollout(string note, bool stops)
    {
        var catchClause = Catch(note);
        var rollout = TargetLoop.EnclosingAll(catchClause.Parent!, Apis, DefaultVocabularies.TargetNames);
        Assert.NotEmpty(rollout);
        Assert.Equal(stops, CatchClauses.StopsRollout(catchClause, rollout, Apis));
    }

    [Theory]
    [InlineData("log", true)]
    [InlineData("bare", true)]
    [InlineData("specific", false)]
    [InlineData("filtered", false)]
    [InlineData("vendor Exception", false)]     // named Exception, but not System.Exception: a specific type
    public void Only_catch_all_clauses_without_filters_are_broad(string note, bool broad) =>
        Assert.Equal(broad, CatchClauses.IsBroad(Catch(note), Apis));

    private static ICatchClauseOperation Catch(string note) =>
        (ICatchClauseOperation)Snippet.Operation<CatchClauseSyntax>(c => c.Block.ToString().Contains($"Note(\"{note}\")", StringComparison.Ordinal));
}
