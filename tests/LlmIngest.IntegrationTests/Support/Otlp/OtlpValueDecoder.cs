using Google.Protobuf;

namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>
/// OTLP common messages (opentelemetry/proto/common/v1): <c>KeyValue</c> lists into dictionaries, <c>AnyValue</c> into
/// plain .NET values — string, bool, long, double, byte[], <see cref="IReadOnlyList{T}"/> of values for an array,
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/> for a key-value list, null for an empty value.
/// </summary>
internal static class OtlpValueDecoder
{
    /// <summary>Adds one <c>KeyValue</c> message (key = 1, value = 2) to <paramref name="into"/>; a repeated key is an error.</summary>
    public static void AddKeyValue(ReadOnlySpan<byte> bytes, Dictionary<string, object?> into)
    {
        string? key = null;
        object? value = null;
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: key = ProtobufFields.String(input, type, "KeyValue.key"); return true;
                case 2: value = AnyValue(ProtobufFields.Message(input, type, "KeyValue.value")); return true;
                default: return false;
            }
        });

        if (key is null || !into.TryAdd(key, value))
        {
            throw new FormatException(key is null ? "KeyValue without a key" : $"attribute '{key}' sent twice");
        }
    }

    /// <summary>One <c>AnyValue</c>: string 1, bool 2, int64 3, double 4, array 5, kvlist 6, bytes 7.</summary>
    public static object? AnyValue(ReadOnlySpan<byte> bytes)
    {
        object? value = null;
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: value = ProtobufFields.String(input, type, "AnyValue.string_value"); return true;
                case 2: ProtobufFields.Expect(type, WireFormat.WireType.Varint, "AnyValue.bool_value"); value = input.ReadBool(); return true;
                case 3: ProtobufFields.Expect(type, WireFormat.WireType.Varint, "AnyValue.int_value"); value = input.ReadInt64(); return true;
                case 4: ProtobufFields.Expect(type, WireFormat.WireType.Fixed64, "AnyValue.double_value"); value = input.ReadDouble(); return true;
                case 5: value = Array(ProtobufFields.Message(input, type, "AnyValue.array_value")); return true;
                case 6: value = KeyValueList(ProtobufFields.Message(input, type, "AnyValue.kvlist_value")); return true;
                case 7: value = ProtobufFields.Message(input, type, "AnyValue.bytes_value").ToArray(); return true;
                default: return false;
            }
        });

        return value;
    }

    /// <summary>A message whose field <paramref name="number"/> is a repeated <c>KeyValue</c>.</summary>
    public static Dictionary<string, object?> Attributes(ReadOnlySpan<byte> bytes, int number)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            if (field != number)
            {
                return false;
            }

            AddKeyValue(ProtobufFields.Message(input, type, "attributes"), attributes);
            return true;
        });

        return attributes;
    }

    /// <summary>An <c>InstrumentationScope</c>: name 1, version 2.</summary>
    public static (string Name, string Version) Scope(ReadOnlySpan<byte> bytes)
    {
        var (name, version) = (string.Empty, string.Empty);
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: name = ProtobufFields.String(input, type, "InstrumentationScope.name"); return true;
                case 2: version = ProtobufFields.String(input, type, "InstrumentationScope.version"); return true;
                default: return false;
            }
        });

        return (name, version);
    }

    private static List<object?> Array(ReadOnlySpan<byte> bytes)
    {
        var values = new List<object?>();
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            if (field != 1)
            {
                return false;
            }

            values.Add(AnyValue(ProtobufFields.Message(input, type, "ArrayValue.values")));
            return true;
        });

        return values;
    }

    private static Dictionary<string, object?> KeyValueList(ReadOnlySpan<byte> bytes) => Attributes(bytes, 1);
}
