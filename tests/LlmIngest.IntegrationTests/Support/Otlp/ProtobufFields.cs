using Google.Protobuf;

namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>
/// Reading protobuf fields by number with Google.Protobuf's <see cref="CodedInputStream"/>, strictly: a known field
/// with an unexpected wire type is a <see cref="FormatException"/>, not a silently wrong value; unknown fields are skipped.
/// </summary>
internal static class ProtobufFields
{
    /// <summary>Calls <paramref name="field"/> with each field number of the message in <paramref name="bytes"/>; it returns false to skip one.</summary>
    public static void Walk(ReadOnlySpan<byte> bytes, Func<CodedInputStream, int, WireFormat.WireType, bool> field)
    {
        var input = new CodedInputStream(bytes.ToArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!field(input, WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag)))
            {
                input.SkipLastField();
            }
        }
    }

    /// <summary>The next length-delimited field's bytes (a nested message, string or bytes field).</summary>
    public static ReadOnlySpan<byte> Message(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.LengthDelimited, what);
        return input.ReadBytes().Span;
    }

    public static string String(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.LengthDelimited, what);
        return input.ReadString();
    }

    /// <summary>A bytes field as lowercase hex (trace and span ids).</summary>
    public static string Hex(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.LengthDelimited, what);
        return Convert.ToHexStringLower(input.ReadBytes().Span);
    }

    public static ulong Fixed64(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.Fixed64, what);
        return input.ReadFixed64();
    }

    public static uint Fixed32(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.Fixed32, what);
        return input.ReadFixed32();
    }

    public static int Enum(CodedInputStream input, WireFormat.WireType type, string what)
    {
        Expect(type, WireFormat.WireType.Varint, what);
        return input.ReadEnum();
    }

    public static void Expect(WireFormat.WireType actual, WireFormat.WireType expected, string what)
    {
        if (actual != expected)
        {
            throw new FormatException($"{what}: wire type {actual}, expected {expected}");
        }
    }
}
