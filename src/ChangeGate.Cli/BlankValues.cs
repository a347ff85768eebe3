using System.CommandLine;

namespace ChangeGate.Cli;

/// <summary>
/// Rejects an option given with an empty or blank value, as an unset CI variable leaves it
/// (<c>--reason "$REASON"</c>): an empty reason in the audit trail, an unnamed target or an
/// anonymous actor is a mistake (exit 2), not something to record or to fall back from.
/// </summary>
internal static class BlankValues
{
    /// <summary>Adds the check to <paramref name="option"/> and returns it.</summary>
    public static Option<T> Rejected<T>(Option<T> option, string example)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"{option.Name} is empty; give it a value, e.g. {option.Name} {example} (an unset variable in a script leaves it empty)");
            }
        });
        return option;
    }

    /// <summary>Adds the check to <paramref name="argument"/> and returns it.</summary>
    public static Argument<T> Rejected<T>(Argument<T> argument, string example)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"{argument.Name} is empty; give it a value, e.g. {example} (an unset variable in a script leaves it empty)");
            }
        });
        return argument;
    }
}
