using System.Xml;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>Forward-only walking of child elements without loading a subtree into memory.</summary>
internal static class XmlChildren
{
    /// <summary>
    /// Calls <paramref name="handle"/> once per child element of the element the reader stands on,
    /// with a reader limited to that child and standing on it. However much of the child the
    /// handler reads, the walk goes on with the next sibling.
    /// </summary>
    public static void ForEach(XmlReader reader, Action<XmlReader> handle)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            // Disposing the subtree reader leaves the outer reader on the child's last node, so the
            // next Read moves to whatever follows the child.
            using var child = reader.ReadSubtree();
            child.Read();
            handle(child);
        }
    }
}
