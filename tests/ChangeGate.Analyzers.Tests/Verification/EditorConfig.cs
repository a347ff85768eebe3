namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>Builds the text of a root .editorconfig for tests.</summary>
internal static class EditorConfig
{
    public static string Text(params string[] lines) =>
        "root = true" + Environment.NewLine + Environment.NewLine + "[*.cs]" + Environment.NewLine +
        string.Join(Environment.NewLine, lines) + Environment.NewLine;
}
