using System.Globalization;
using System.Text;

namespace ChangeGate.Core.Signing;

/// <summary>
/// DSSE's Pre-Authentication Encoding: the exact bytes every ChangeGate signature covers.
/// <c>PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, where LEN is the
/// byte length in ASCII decimal (DSSE protocol v1.0.0). Binding the payload type into the signed
/// bytes keeps a signature made for one kind of payload (an evidence record, an in-toto statement,
/// a ledger event) from being passed off as a signature on another.
/// </summary>
public static class Pae
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The PAE of <paramref name="payloadType"/> (UTF-8 encoded) and <paramref name="body"/>.</summary>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = StrictUtf8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {body.Length} "));
        var result = new byte[header.Length + type.Length + middle.Length + body.Length];
        header.CopyTo(result, 0);
        type.CopyTo(result, header.Length);
        middle.CopyTo(result, header.Length + type.Length);
        body.CopyTo(result.AsSpan(header.Length + type.Length + middle.Length));
        return result;
    }
}
