using System.Text;

namespace ChangeGate.Analyzers.Tests.Infrastructure;

/// <summary>
/// Sources deep enough to overflow a recursive walk (a 9,000-term concatenation, a 10,000-call chain), and a
/// thread of a chosen stack size to run work on: Roslyn's own binder and operation factory recurse once per
/// term, so such inputs are bound on a large stack and read by our code on a small one.
/// </summary>
internal static class DeepInput
{
    /// <summary><paramref name="first"/> followed by <c>+ "/p1" + "/p2" …</c>, <paramref name="terms"/> terms in all.</summary>
    public static string Concatenation(string first, int terms)
    {
        var text = new StringBuilder(first);
        for (var i = 1; i < terms; i++)
        {
            text.Append(" + \"/p").Append(i).Append('"');
        }

        return text.ToString();
    }

    /// <summary><paramref name="first"/> followed by <paramref name="calls"/> calls <c>.Then("n")</c>.</summary>
    public static string Chain(string first, int calls)
    {
        var text = new StringBuilder(first);
        for (var i = 0; i < calls; i++)
        {
            text.Append(".Then(\"").Append(i % 10).Append("\")");
        }

        return text.ToString();
    }

    /// <summary>Runs <paramref name="work"/> on a new thread with a stack of <paramref name="size"/> bytes.</summary>
    public static Task OnStack(int size, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    work();
                    done.SetResult();
                }
                catch (Exception exception)
                {
                    done.SetException(exception);
                }
            },
            size);
        thread.Start();
        return done.Task;
    }
}
