using System.CommandLine;

namespace ChangeGate.Cli.Commands;

/// <summary>
/// <c>changegate completion bash|zsh|powershell</c>: prints a script that gives tab completion of
/// commands, options and option values. Each script asks changegate itself through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive with the command line typed so far (the mechanism dotnet-suggest
/// uses, without needing dotnet-suggest installed), so completion always matches the installed version.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or powershell" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "powershell");
        var command = new Command("completion", CommandText.Describe(
            "Print a tab-completion script for bash, zsh or PowerShell (see docs/completion.md). It calls `changegate \"[suggest:N]\" \"LINE\"`, which lists what may follow the line typed so far.",
            "changegate completion bash > ~/.changegate-completion.bash   # then in ~/.bashrc: source ~/.changegate-completion.bash",
            "source <(changegate completion bash)",
            "changegate completion zsh > \"${fpath[1]}/_changegate\"",
            "changegate completion powershell | Out-String | Invoke-Expression"))
        {
            shell,
        };
        command.SetAction(parse =>
        {
            environment.Output.Write(parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => PowerShell,
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    // The line up to the cursor, with the first word (./changegate, .tools/changegate...) as `changegate`.
    internal const string Bash = """
        # changegate tab completion for bash. Load it in ~/.bashrc:  source <(changegate completion bash)
        _changegate_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="changegate${line#"${COMP_WORDS[0]}"}"
            local IFS=$'\n'
            COMPREPLY=($(command "${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null))
        }
        complete -o default -F _changegate_complete changegate

        """;

    internal const string Zsh = """
        #compdef changegate
        # changegate tab completion for zsh. Save it as _changegate in a directory of $fpath (before compinit runs),
        # or load it in ~/.zshrc after compinit:  source <(changegate completion zsh)
        _changegate() {
            local line="changegate ${(j: :)words[2,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(command ${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -Q -- "${(@)candidates:#}"
        }
        if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then
            _changegate "$@"
        else
            compdef _changegate changegate
        fi

        """;

    internal const string PowerShell = """
        # changegate tab completion for PowerShell. Load it in $PROFILE:
        #   changegate completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName changegate -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $typed = $commandAst.ToString()
            $upTo = [Math]::Min($cursorPosition - $commandAst.Extent.StartOffset, $typed.Length)
            $line = 'changegate' + $typed.Substring($commandAst.CommandElements[0].Extent.Text.Length, $upTo - $commandAst.CommandElements[0].Extent.Text.Length)
            if ($cursorPosition - $commandAst.Extent.StartOffset -gt $typed.Length) { $line += ' ' }
            & $commandAst.CommandElements[0].Extent.Text "[suggest:$($line.Length)]" $line 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
