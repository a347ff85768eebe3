using System.Globalization;
using System.Xml;

namespace ChangeGate.Benchmarks;

/// <summary>Writes a TRX like <c>dotnet test --logger trx</c> does, with a chosen number of results in one assembly.</summary>
internal static class TrxGenerator
{
    private const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static void Write(string path, int results)
    {
        var listId = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
        var ids = Enumerable.Range(0, results).Select(i => (Test: Guid(i, 1), Execution: Guid(i, 2))).ToList();
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true });
        writer.WriteStartDocument();
        writer.WriteStartElement("TestRun", Namespace);
        writer.WriteAttributeString("id", System.Guid.NewGuid().ToString());
        writer.WriteAttributeString("name", "bench@ci 2026-11-23 00:00:00");
        writer.WriteStartElement("Results", Namespace);
        for (var i = 0; i < results; i++)
        {
            writer.WriteStartElement("UnitTestResult", Namespace);
            writer.WriteAttributeString("executionId", ids[i].Execution);
            writer.WriteAttributeString("testId", ids[i].Test);
            writer.WriteAttributeString("testName", $"Rollout.Tests.StageTests.Promotes_stage_{i}");
            writer.WriteAttributeString("computerName", "ci");
            writer.WriteAttributeString("duration", "00:00:00.0012345");
            writer.WriteAttributeString("startTime", "2026-11-23T00:00:00.0000000+00:00");
            writer.WriteAttributeString("endTime", "2026-11-23T00:00:00.0012345+00:00");
            writer.WriteAttributeString("testType", "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b");
            writer.WriteAttributeString("outcome", i % 50 == 0 ? "NotExecuted" : "Passed");
            writer.WriteAttributeString("testListId", listId);
            writer.WriteAttributeString("relativeResultsDirectory", ids[i].Execution);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("TestDefinitions", Namespace);
        for (var i = 0; i < results; i++)
        {
            writer.WriteStartElement("UnitTest", Namespace);
            writer.WriteAttributeString("name", $"Rollout.Tests.StageTests.Promotes_stage_{i}");
            writer.WriteAttributeString("storage", "/build/tests/Rollout.Tests/bin/Release/net10.0/rollout.tests.dll");
            writer.WriteAttributeString("id", ids[i].Test);
            writer.WriteStartElement("Execution", Namespace);
            writer.WriteAttributeString("id", ids[i].Execution);
            writer.WriteEndElement();
            writer.WriteStartElement("TestMethod", Namespace);
            writer.WriteAttributeString("codeBase", "/build/tests/Rollout.Tests/bin/Release/net10.0/Rollout.Tests.dll");
            writer.WriteAttributeString("adapterTypeName", "executor://xunit/VsTestRunner2/netcoreapp");
            writer.WriteAttributeString("className", "Rollout.Tests.StageTests");
            writer.WriteAttributeString("name", $"Promotes_stage_{i}");
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("TestEntries", Namespace);
        for (var i = 0; i < results; i++)
        {
            writer.WriteStartElement("TestEntry", Namespace);
            writer.WriteAttributeString("testId", ids[i].Test);
            writer.WriteAttributeString("executionId", ids[i].Execution);
            writer.WriteAttributeString("testListId", listId);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("ResultSummary", Namespace);
        writer.WriteAttributeString("outcome", "Completed");
        writer.WriteStartElement("Counters", Namespace);
        writer.WriteAttributeString("total", results.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static string Guid(int i, int kind) => new System.Guid(i, (short)kind, 0, new byte[8]).ToString();
}
