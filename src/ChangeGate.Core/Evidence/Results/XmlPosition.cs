using System.Xml;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>Where an XmlReader stands, for error messages.</summary>
internal static class XmlPosition
{
    public static (int Line, int Column) Of(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    public static TestResultFormatException Error(XmlReader reader, string message)
    {
        var (line, column) = Of(reader);
        return new TestResultFormatException(message, line, column);
    }
}
