using ChangeGate.Core.Ledger;

// Usage: ChangeGate.LedgerStress REPOSITORY SERVICE REMOTE WRITER COUNT
// Appends COUNT incident-opened events titled "WRITER #k" (k = 1..COUNT, in order) through REMOTE.
// Prints "appended COUNT events in N attempts" and exits 0, or prints the problem and exits 2.
if (args.Length != 5 || !int.TryParse(args[4], out var count))
{
    Console.Error.WriteLine("usage: ChangeGate.LedgerStress REPOSITORY SERVICE REMOTE WRITER COUNT");
    return 2;
}

var (repository, service, remote, writer) = (args[0], args[1], args[2], args[3]);
var opened = SharedLedger.Open(repository, service, remote, TimeProvider.System);
if (!opened.IsSuccess)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, opened.Problems));
    return 2;
}

using var ledger = opened.Value;
var attempts = 0;
for (var k = 1; k <= count; k++)
{
    var title = $"{writer} #{k}";
    var result = ledger.Append((state, now) => WriteDecision.Append(new IncidentOpened
    {
        Id = Guid.Empty,
        Actor = $"{writer}@kakao.com",
        At = now,
        IncidentId = $"INC-{state.IncidentCount + 1}",
        Title = title,
    }));
    attempts += result.Attempts;
    if (result.Status != WriteStatus.Written)
    {
        Console.Error.WriteLine($"{title}: {result.Status}: {string.Join("; ", result.Problems)}");
        return 2;
    }
}

Console.WriteLine($"appended {count} events in {attempts} attempts");
return 0;
