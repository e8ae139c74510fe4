using LlmIngest.Cli;
using LlmIngest.Cli.Storage;

namespace LlmIngest.Tests.Cli;

/// <summary>
/// <see cref="TraceIdInput"/> over many random ids: W3C trace ids in any case, traceparent values with every flag
/// value, whitespace and the header-name prefix, custom ids kept unchanged, and malformed values refused.
/// </summary>
public sealed class TraceIdInputTests
{
    private const string Hex = "0123456789abcdef";
    private const string IdChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static readonly string[] Spaces = ["", " ", "  ", "\t", "\n", "\r\n", " \t "];

    private readonly Random _random = new(16);

    [Fact]
    public void Bare32HexIds_InAnyCase_WithSurroundingWhitespace_BecomeTheLowercaseId()
    {
        for (var i = 0; i < 2000; i++)
        {
            var id = RandomHex(32);
            var typed = RandomCase(id);
            var input = TraceIdInput.Parse(Pad(typed));

            Assert.Equal(id, input.TraceId);
            Assert.Null(input.ParentId);
            Assert.Equal(typed == id ? null : typed, input.AsTyped);
        }
    }

    [Fact]
    public void TraceParents_WithEveryFlagValue_AnyCase_WhitespaceAndHeaderName_GiveTheTraceIdAndParentId()
    {
        for (var round = 0; round < 8; round++)
        {
            for (var flags = 0; flags < 256; flags++)
            {
                var traceId = RandomHex(32);
                var parentId = RandomHex(16);
                var value = RandomCase($"00-{traceId}-{parentId}-{flags:x2}");
                var header = _random.Next(4) switch
                {
                    0 => string.Empty,
                    1 => "traceparent:",
                    2 => "traceparent: ",
                    _ => RandomCase("traceparent") + Spaces[_random.Next(Spaces.Length)] + ":" + Spaces[_random.Next(Spaces.Length)],
                };

                var input = TraceIdInput.Parse(Pad(header + value));

                Assert.Equal(traceId, input.TraceId);
                Assert.Equal(parentId, input.ParentId);
                Assert.Null(input.AsTyped);
            }
        }
    }

    [Fact]
    public void TraceParents_OfALaterVersion_MayCarryMoreFields()
    {
        for (var i = 0; i < 500; i++)
        {
            var version = _random.Next(1, 255).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            var traceId = RandomHex(32);
            var extra = _random.Next(2) == 0 ? string.Empty : "-" + RandomHex(_random.Next(1, 20));

            var input = TraceIdInput.Parse($"{version}-{traceId}-{RandomHex(16)}-{RandomHex(2)}{extra}");

            Assert.Equal(traceId, input.TraceId);
        }
    }

    [Fact]
    public void CustomIdsTheLibraryAccepts_AreTakenUnchanged()
    {
        var checkedIds = 0;
        while (checkedIds < 3000)
        {
            var id = RandomCustomId();
            if (!LlmTracePayloadReader.IsValidId(id) || IsW3CShaped(id))
            {
                continue;
            }

            var input = TraceIdInput.Parse(Pad(id));

            Assert.Equal(id, input.TraceId);
            Assert.Null(input.ParentId);
            Assert.Null(input.AsTyped);
            checkedIds++;
        }
    }

    [Fact]
    public void MalformedValues_AreRefusedWithOneUsageLine()
    {
        for (var i = 0; i < 300; i++)
        {
            var traceId = RandomHex(32);
            var parentId = RandomHex(16);
            var flags = RandomHex(2);
            var malformed = new[]
            {
                $"00-{RandomHex(31)}-{parentId}-{flags}",
                $"00-{RandomHex(33)}-{parentId}-{flags}",
                $"00-{traceId}-{RandomHex(15)}-{flags}",
                $"00-{traceId}-{RandomHex(17)}-{flags}",
                $"00-{traceId}-{parentId}-{RandomHex(1)}",
                $"00-{traceId}-{parentId}-{RandomHex(3)}",
                $"00-{traceId}-{parentId}-{flags}-{RandomHex(4)}",
                $"ff-{traceId}-{parentId}-{flags}",
                $"00-{new string('0', 32)}-{parentId}-{flags}",
                $"00-{traceId}-{new string('0', 16)}-{flags}",
                $"00-{WithNonHex(traceId)}-{parentId}-{flags}",
                $"00-{traceId}-{WithNonHex(parentId)}-{flags}",
                $"traceparent: {traceId}",
                $"traceparent: 00-{traceId}-{parentId}",
                new string('0', 32),
                $"{traceId[..10]} {traceId[10..]}",
                $"{traceId[..10]}/{traceId[10..]}",
                $"{traceId}\n{parentId}",
                "-" + traceId,
                new string('a', 129),
                Spaces[_random.Next(Spaces.Length)],
            };

            foreach (var value in malformed)
            {
                var e = Assert.Throws<CliException>(() => TraceIdInput.Parse(Pad(value)));

                Assert.Equal(ExitCodes.Usage, e.ExitCode);
                Assert.DoesNotContain('\n', e.Message);
                Assert.DoesNotContain('\r', e.Message);
                Assert.Contains("is not a trace id", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Null_IsRefusedAsUsage() =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => TraceIdInput.Parse(null)).ExitCode);

    private static bool IsW3CShaped(string id)
    {
        var parts = id.Split('-');
        var hex = (string s) => s.Length > 0 && s.All(char.IsAsciiHexDigit);
        return (id.Length == 32 && hex(id)) || (parts.Length >= 4 && parts[0].Length == 2 && hex(parts[0])
            && (parts.All(p => hex(p)) || parts[1].Length == 32 || parts[2].Length == 16));
    }

    private string RandomHex(int length) => string.Create(length, _random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Hex[r.Next(Hex.Length)];
        }
    });

    private string RandomCase(string text) => _random.Next(3) switch
    {
        0 => text,
        1 => text.ToUpperInvariant(),
        _ => string.Concat(text.Select(c => _random.Next(2) == 0 ? char.ToUpperInvariant(c) : c)),
    };

    private string Pad(string text) => Spaces[_random.Next(Spaces.Length)] + text + Spaces[_random.Next(Spaces.Length)];

    private string WithNonHex(string hex)
    {
        var at = _random.Next(hex.Length);
        return string.Concat(hex.AsSpan(0, at), "g", hex.AsSpan(at + 1));
    }

    private string RandomCustomId()
    {
        // Mostly short ids with dashes and dots, some long, hex of 30 to 34 digits, dashed
        // hex groups with one non-hex group.
        return _random.Next(4) switch
        {
            0 => RandomHex(_random.Next(30, 35)),
            1 => $"{RandomHex(2)}-{RandomHex(8)}-x{RandomHex(4)}-{RandomHex(2)}",
            _ => string.Create(_random.Next(1, 129), _random, (span, r) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = IdChars[r.Next(IdChars.Length)];
                }
            }),
        };
    }
}
