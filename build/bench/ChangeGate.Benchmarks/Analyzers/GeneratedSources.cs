using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>The shapes of generated update code the growth benchmark scales up.</summary>
internal enum GrowthCase
{
    /// <summary>One update method that deletes N files: N CG1001 findings.</summary>
    Deletes,

    /// <summary>One update method with N (back up, delete, copy new) triples: every delete guarded, no finding.</summary>
    Triples,

    /// <summary>A path built by one string concatenation of N terms, then deleted.</summary>
    Concatenation,

    /// <summary>A path built by a chain of N calls (<c>builder.Add(…).Add(…)…</c>), then deleted.</summary>
    CallChain,
}

/// <summary>Source code the analyzer benchmarks generate: the no-watched-API library and the growth cases.</summary>
internal static class GeneratedSources
{
    private static readonly CSharpParseOptions Parse = BenchSources.ParseOptions(LanguageVersion.Latest, []);

    /// <summary>The command-line name of a growth case.</summary>
    public static string NameOf(GrowthCase kind) => kind switch
    {
        GrowthCase.Deletes => "deletes",
        GrowthCase.Triples => "triples",
        GrowthCase.Concatenation => "concat",
        GrowthCase.CallChain => "chain",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The growth case with the command-line name <paramref name="name"/>.</summary>
    public static GrowthCase CaseNamed(string name) =>
        Enum.GetValues<GrowthCase>().Where(k => NameOf(k) == name).Select(k => (GrowthCase?)k).FirstOrDefault()
        ?? throw new ArgumentException($"unknown growth case '{name}'");

    /// <summary>How a case reads in the table, at a size (or with "N" for the size).</summary>
    public static string Describe(GrowthCase kind, int? size = null)
    {
        var n = size?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "N";
        return kind switch
        {
            GrowthCase.Deletes => $"{n} deletes in one update method",
            GrowthCase.Triples => $"{n} backup+delete+copy triples in one update method",
            GrowthCase.Concatenation => $"a path built by a {n}-term string concatenation, then deleted",
            GrowthCase.CallChain => $"a path built by a {n}-call chain, then deleted",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The findings each rule must report on a case, so a run that finished early is not mistaken for a fast one.</summary>
    public static IReadOnlyDictionary<string, int> ExpectedFindings(GrowthCase kind, int size) => kind switch
    {
        GrowthCase.Deletes => new Dictionary<string, int> { ["CG1001"] = size },
        GrowthCase.Triples => new Dictionary<string, int>(),
        GrowthCase.Concatenation or GrowthCase.CallChain => new Dictionary<string, int> { ["CG1001"] = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The source of a growth case at <paramref name="size"/>: one update class, one method.</summary>
    public static BenchSources Growth(GrowthCase kind, int size)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.IO;");
        code.AppendLine("using System.Text;");
        code.AppendLine();
        code.AppendLine("public sealed class PathBuilder");
        code.AppendLine("{");
        code.AppendLine("    private readonly StringBuilder _path;");
        code.AppendLine("    public PathBuilder(string root) => _path = new StringBuilder(root);");
        code.AppendLine("    public PathBuilder Add(string part) { _path.Append('/').Append(part); return this; }");
        code.AppendLine("    public override string ToString() => _path.ToString();");
        code.AppendLine("}");
        code.AppendLine();
        code.AppendLine("public static class ServerUpdater");
        code.AppendLine("{");
        code.AppendLine("    public static void UpdateServerFiles(string root, string staging, string backup)");
        code.AppendLine("    {");
        switch (kind)
        {
            case GrowthCase.Deletes:
                for (var i = 0; i < size; i++)
                {
                    code.AppendLine($"        File.Delete(Path.Combine(root, \"lib{i}.dll\"));");
                }

                break;
            case GrowthCase.Triples:
                for (var i = 0; i < size; i++)
                {
                    code.AppendLine($"        File.Copy(Path.Combine(root, \"lib{i}.dll\"), Path.Combine(backup, \"lib{i}.dll\"), overwrite: true);");
                    code.AppendLine($"        File.Delete(Path.Combine(root, \"lib{i}.dll\"));");
                    code.AppendLine($"        File.Copy(Path.Combine(staging, \"lib{i}.dll\"), Path.Combine(root, \"lib{i}.dll\"));");
                }

                break;
            case GrowthCase.Concatenation:
                code.Append("        var path = root");
                for (var i = 1; i < size; i++)
                {
                    code.Append(i % 2 == 1 ? " + \"/part" + i + "\"" : " + staging");
                    if (i % 16 == 0)
                    {
                        code.AppendLine().Append("            ");
                    }
                }

                code.AppendLine(";");
                code.AppendLine("        File.Delete(path);");
                break;
            case GrowthCase.CallChain:
                code.Append("        var path = new PathBuilder(root)");
                for (var i = 1; i < size; i++)
                {
                    code.Append(".Add(\"p").Append(i).Append("\")");
                    if (i % 16 == 0)
                    {
                        code.AppendLine().Append("            ");
                    }
                }

                code.AppendLine(".ToString();");
                code.AppendLine("        File.Delete(path);");
                break;
        }

        code.AppendLine("    }");
        code.AppendLine("}");
        var tree = CSharpSyntaxTree.ParseText(code.ToString(), Parse, $"{NameOf(kind)}-{size}.cs");
        return new BenchSources($"Growth_{NameOf(kind)}_{size}", [tree], BenchSources.LibraryOptions(NullableContextOptions.Enable));
    }

    /// <summary>
    /// An ordinary library of about <paramref name="lines"/> lines that uses no API a ChangeGate rule watches: no
    /// System.IO, no migrations, no Parallel/ForEach/WhenAll, no update or target words. It still has everything the
    /// rules look at before they know that: types, members, assignments to fields and properties, loops, try/catch,
    /// lambdas, local functions, LINQ, async methods, strings built from parts.
    /// </summary>
    public static BenchSources NoWatchedApi(int lines)
    {
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>();
        var written = 0;
        for (var file = 0; written < lines; file++)
        {
            var code = LedgerFile(file);
            written += code.Count(c => c == '\n');
            trees.Add(CSharpSyntaxTree.ParseText(code, Parse, $"Ledger{file}.cs"));
        }

        return new BenchSources("NoWatchedApi", trees.ToImmutable(), BenchSources.LibraryOptions(NullableContextOptions.Enable));
    }

    // One file: an accounting-like domain type with a dozen members of the usual shapes (about 150 lines).
    private static string LedgerFile(int n) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Accounting.Module{{n % 40}};

        public sealed record Entry{{n}}(string Account, decimal Amount, DateTime At, string? Memo);

        public interface ILedger{{n}}
        {
            decimal Balance(string account);
            IReadOnlyList<Entry{{n}}> EntriesOf(string account);
        }

        public sealed class Ledger{{n}} : ILedger{{n}}, IDisposable
        {
            private readonly Dictionary<string, List<Entry{{n}}>> _entries = new(StringComparer.Ordinal);
            private readonly object _gate = new();
            private int _count;
            private decimal _total;
            private string _name = "ledger-{{n}}";
            private bool _closed;

            public Ledger{{n}}(string name, IEnumerable<Entry{{n}}> opening)
            {
                _name = name;
                foreach (var entry in opening)
                {
                    Add(entry);
                }
            }

            public string Name { get => _name; set => _name = value ?? throw new ArgumentNullException(nameof(value)); }

            public int Count => _count;

            public decimal Total { get; private set; }

            public void Add(Entry{{n}} entry)
            {
                if (_closed)
                {
                    throw new InvalidOperationException($"ledger {_name} is closed");
                }

                lock (_gate)
                {
                    if (!_entries.TryGetValue(entry.Account, out var list))
                    {
                        list = new List<Entry{{n}}>();
                        _entries[entry.Account] = list;
                    }

                    list.Add(entry);
                    _count++;
                    _total += entry.Amount;
                    Total = _total;
                }
            }

            public decimal Balance(string account)
            {
                lock (_gate)
                {
                    return _entries.TryGetValue(account, out var list) ? list.Sum(e => e.Amount) : 0m;
                }
            }

            public IReadOnlyList<Entry{{n}}> EntriesOf(string account) =>
                _entries.TryGetValue(account, out var list) ? list.OrderBy(e => e.At).ToList() : Array.Empty<Entry{{n}}>();

            public string Statement(string account, int width)
            {
                var text = new StringBuilder();
                text.Append("Statement of ").Append(account).Append(" in ").AppendLine(_name);
                var running = 0m;
                for (var i = 0; i < EntriesOf(account).Count; i++)
                {
                    var entry = EntriesOf(account)[i];
                    running += entry.Amount;
                    var line = entry.At.ToString("yyyy-MM-dd") + " " + entry.Amount.ToString("0.00").PadLeft(width) + " " + running.ToString("0.00");
                    text.AppendLine(entry.Memo is null ? line : line + " " + entry.Memo);
                }

                return text.ToString();
            }

            public Dictionary<string, decimal> Summary(Func<Entry{{n}}, bool> filter)
            {
                var summary = new Dictionary<string, decimal>();
                foreach (var (account, list) in _entries)
                {
                    decimal sum = 0;
                    foreach (var entry in list.Where(filter))
                    {
                        sum += Round(entry.Amount);
                    }

                    summary[account] = sum;
                }

                return summary;

                static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.ToEven);
            }

            public async Task<int> ReconcileAsync(IEnumerable<Entry{{n}}> bank, CancellationToken token)
            {
                var matched = 0;
                foreach (var entry in bank)
                {
                    token.ThrowIfCancellationRequested();
                    try
                    {
                        await Task.Yield();
                        if (EntriesOf(entry.Account).Any(e => e.Amount == entry.Amount && e.At.Date == entry.At.Date))
                        {
                            matched++;
                        }
                    }
                    catch (Exception error)
                    {
                        _name = _name + " (reconcile failed: " + error.Message + ")";
                    }
                }

                return matched;
            }

            public int Checksum()
            {
                var hash = 17;
                var accounts = _entries.Keys.ToArray();
                Array.Sort(accounts, StringComparer.Ordinal);
                while (hash > 0 && accounts.Length > 0)
                {
                    foreach (var account in accounts)
                    {
                        hash = unchecked(hash * 31 + account.Length);
                    }

                    hash >>= 3;
                }

                return hash;
            }

            public void Dispose()
            {
                _closed = true;
                _entries.Clear();
            }
        }

        """;
}
