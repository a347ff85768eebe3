using ChangeGate.Core.Ledger;

// Usage: ChangeGate.LedgerStress REPOSITORY SERVICE REMOTE WRITER COUNT
// Appends COUNT events through REMOTE, in pairs: an incident titled "WRITER #k" is opened, then
// resolved with the reason "WRITER #k" (k = 1..COUNT/2, in order). The incident's number is decided
// on the tip the event lands on, so the resolution names whatever number it got.
// Prints "appended COUNT events in N attempts" and exits 0, or prints the problem and exits 2.
if (args.Length != 5 || !int.TryParse(args[4], out var count) || count % 2 != 0)
{
    Console.Error.WriteLine("usage: ChangeGate.LedgerStress REPOSITORY SERVICE REMOTE WRITER COUNT (an even number)");
    return 2;
}

var (repository, service, remote, writer) = (args[0], args[1], args[2], args[3]);
var open = SharedLedger.Open(repository, service, remote, TimeProvider.System);
if (!open.IsSuccess)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, open.Problems));
    return 2;
}

using var ledger = open.Value;
var attempts = 0;
for (var k = 1; k <= count / 2; k++)
{
    var title = $"{writer} #{k}";
    var opened = ledger.Append((state, now) => WriteDecision.Append(new IncidentOpened
    {
        Id = Guid.Empty,
        Actor = $"{writer}@kakao.com",
        At = now,
        IncidentId = $"INC-{state.IncidentCount + 1}",
        Title = title,
    }));
    if (!Written(opened, title))
    {
        return 2;
    }

    var incident = ((IncidentOpened)opened.Events[0]).IncidentId;
    var resolved = ledger.Append((state, now) => state.OpenIncidents.Any(i => i.Id == incident)
        ? WriteDecision.Append(new IncidentResolved { Id = Guid.Empty, Actor = $"{writer}@kakao.com", At = now, IncidentId = incident, Reason = title })
        : WriteDecision.Refuse($"{incident} is not open"));
    if (!Written(resolved, title))
    {
        return 2;
    }
}

Console.WriteLine($"appended {count} events in {attempts} attempts");
return 0;

bool Written(WriteResult result, string title)
{
    attempts += result.Attempts;
    if (result.Status == WriteStatus.Written && result.Events.Count == 1)
    {
        return true;
    }

    Console.Error.WriteLine($"{title}: {result.Status}: {result.Refusal?.Reason} {string.Join("; ", result.Problems)}");
    return false;
}
