using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using LlmIngest.Hosting;

namespace LlmIngest.Testing;

/// <summary>
/// The hostile-input property suite (issue 19), shared by the local-store run (unit tests) and the S3 run (integration
/// tests): CsCheck generates batches of <see cref="HostileCase"/>s (small integers, so shrinking finds the smallest
/// failing batch), each becomes a trace from one family of hostile input with PII planted in every free-text field, a
/// host records the batch, and <see cref="VerifyAsync"/> checks every invariant. CsCheck prints the seed on failure.
/// </summary>
internal static class HostileTraces
{
    /// <summary>
    /// Plants obfuscated PII (zero-width characters, fullwidth digits, HTML entities, \u escapes, percent-encoding, ANSI)
    /// as well as plain PII. On since the normalised views of issue 13 landed.
    /// </summary>
    public const bool PlantObfuscatedPii = true;

    public const int Families = 15;

    private static readonly string[] Reserved = ["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "aux.txt", "Con.json", "trailing.", "x.."];

    private static readonly string[] PathIds = ["../x", "..", ".", "a/b", "a%2Fb", "%2F", "a\\b", "ok/../../x", "-lead", "_lead", " a", "a b", "日本", "\uD800", "a\u0000b", "Abc", "abc", "ABC"];

    /// <summary>One generated case: the family, a variant within it and a salt that seeds its content.</summary>
    public readonly record struct HostileCase(int Family, int Variant, int Salt);

    public static Gen<HostileCase> Case { get; } =
        Gen.Select(Gen.Int[0, Families - 1], Gen.Int[0, 15], Gen.Int[0, 1_000_000], static (f, v, s) => new HostileCase(f, v, s));

    /// <summary>A batch of cases: what one host records.</summary>
    public static Gen<HostileCase[]> Batch(int size) => Case.Array[size];

    /// <summary>The pseudonym key both property runs configure (base64 of 32 bytes).</summary>
    public const string PseudonymKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /// <summary>What CsCheck prints of a failing batch, after shrinking.</summary>
    public static string Describe(HostileCase[] cases) =>
        $"{cases.Length} cases: " + string.Join(", ", cases.Take(40).Select(c => $"({c.Family},{c.Variant},{c.Salt})"));

    /// <summary>Builds and records each case, keeping what <see cref="VerifyAsync"/> checks.</summary>
    public static List<(HostileCase Case, LlmTrace Trace, bool Accepted)> RecordAll(ILlmTraceRecorder recorder, HostileCase[] cases)
    {
        var recorded = new List<(HostileCase, LlmTrace, bool)>(cases.Length);
        foreach (var c in cases)
        {
            var trace = Build(c);
            recorded.Add((c, trace, recorder.Record(trace)));
        }

        return recorded;
    }

    /// <summary>The PII planted in a case's free-text fields; each must be absent from every line, payload and log message.</summary>
    public static string[] PlantedPii(HostileCase c) =>
    [
        $"victim.{c.Salt}@example.com",
        "4111 1111 1111 1111",
    ];

    private static string[] ObfuscatedPii(HostileCase c) =>
    [
        $"victim{c.Salt}@exa\u200Bmple.com",
        "4111\u200B1111\u200B1111\u200B1111",
        "4111\u001b[0m 1111 1111 1111",
        "４１１１ １１１１ １１１１ １１１１",
        $"victim{c.Salt}＠example.com",
        $"victim{c.Salt}&#64;example.com",
        $"victim{c.Salt}\\u0040example.com",
        $"victim{c.Salt}%40example.com",
    ];

    /// <summary>Every PII string that a case plants (plain, and obfuscated when <see cref="PlantObfuscatedPii"/> is on).</summary>
    public static IEnumerable<string> AllPlanted(HostileCase c) =>
#pragma warning disable CS0162 // The flag is a constant switched by hand once issue 13 lands.
        PlantObfuscatedPii ? [.. PlantedPii(c), .. ObfuscatedPii(c)] : PlantedPii(c);
#pragma warning restore CS0162

    public static LlmTrace Build(HostileCase c)
    {
        var random = new Random(c.Salt);
        var pii = AllPlanted(c).ToArray();
        // The PII stands between " ; " so no detector could take the hostile text around it as part of it (a digit
        // of any script right after "4111 1111 1111 1111 " makes a 17-digit run, which is not a card).
        string Text() => Hostile(c, random) + " ; " + pii[random.Next(pii.Length)] + " ; " + Hostile(c, random);

        var trace = new LlmTrace
        {
            Timestamp = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(c.Salt),
            Provider = Text(),
            Model = Text(),
            ResponseModel = random.Next(2) == 0 ? null : Text(),
            Operation = Text(),
            FunctionName = Text(),
            FinishReason = Text(),
            SessionId = Text(),
            UserId = pii[random.Next(pii.Length)],
            RequestId = Text(),
            ResponseId = Text(),
            SystemFingerprint = Text(),
            Error = random.Next(3) == 0 ? Text() : null,
            ErrorType = random.Next(3) == 0 ? Text() : null,
            ErrorSuggestions = random.Next(2) == 0 ? [Text()] : null,
            Tags = [Text(), "ok"],
            Messages =
            [
                new LlmMessage("system", Text()) { Name = Text() },
                new LlmMessage("user", Text()),
                new LlmMessage("assistant", null) { ToolCalls = [new LlmToolCall { Id = Text(), Name = Text(), Arguments = Text() }] },
                new LlmMessage("tool", Text()) { ToolCallId = Text() },
            ],
            Tools = [new LlmToolDefinition { Name = Text(), Description = Text(), ParametersSchema = Text() }],
            Response = Text(),
            ResponseMessages = [new LlmMessage("assistant", Text())],
            Attributes = new Dictionary<string, string> { [Text()] = Text(), ["a\uD800"] = "1", ["a\uD801"] = "2", ["plain"] = Text() },
            PromptTokens = 100,
            CompletionTokens = 20,
            LatencyMs = 250,
        };

        switch (c.Family)
        {
            case 8:
                Numbers(trace, c, random);
                break;
            case 9:
                PathIdsInto(trace, c, random);
                break;
            case 10 when c.Variant < 2:
                Structures(trace, c, random, Text);
                break;
            case 11:
                // Duplicates: a few (trace, span) pairs shared by the batch, with the same or different content.
                trace.TraceId = "dup-" + (c.Salt % 3).ToString(CultureInfo.InvariantCulture);
                trace.SpanId = "span-" + (c.Variant % 2).ToString(CultureInfo.InvariantCulture);
                break;
            case 12 when c.Variant == 0:
                // Big messages: a few MB of hostile text with the PII in the middle.
                trace.Messages![1] = new LlmMessage("user", new string('m', (1 + (c.Salt % 4)) * 1024 * 1024) + " ; " + pii[0] + " ; " + Hostile(c, random));
                break;
        }

        return trace;
    }

    /// <summary>Checks every invariant of one recorded batch; throws with the first violation.</summary>
    public static async Task VerifyAsync(IngestTestHost host, IReadOnlyList<(HostileCase Case, LlmTrace Trace, bool Accepted)> recorded, string logFolder, string root)
    {
        var accepted = recorded.Where(r => r.Accepted).ToList();
        Check(host.Metric("llmingest.traces.recorded") == recorded.Count, $"recorded {host.Metric("llmingest.traces.recorded")} != {recorded.Count} calls");
        Check(host.Metric("llmingest.traces.accepted") == accepted.Count, "accepted metric != accepted calls");
        var rejected = host.Metric("llmingest.traces.dropped", "invalid");
        Check(accepted.Count + rejected == recorded.Count, $"recorded {recorded.Count} != accepted {accepted.Count} + rejected {rejected}");
        Check(host.Metric("llmingest.traces.rejected") == rejected, "rejections by reason do not add up to the invalid drops");
        Check(host.Metric("llmingest.traces.processed", "failed") == 0, "a trace failed processing");

        foreach (var (_, trace, ok) in recorded)
        {
            Check(!ok || IsPortableId(trace.TraceId!) && IsPortableId(trace.SpanId!) && IsPortableId(trace.TenantId!), $"accepted an id that is not portable: {trace.TenantId}/{trace.TraceId}/{trace.SpanId}");
        }

        var planted = recorded.SelectMany(r => AllPlanted(r.Case)).Distinct(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(logFolder, "*.jsonl");
        var lines = new List<(string Raw, JsonElement Json)>();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var start = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    var length = i - start + 1;
                    Check(length <= PreviewLogOptions.DefaultMaxLineBytes, $"a line of {length} bytes is over the cap");
                    var raw = Encoding.UTF8.GetString(bytes, start, length - 1);
                    Check(!HasUnsafeCharacter(raw), $"a line carries a raw bidi, C1 or separator character: {raw[..Math.Min(200, raw.Length)]}");
                    CheckNoDuplicateKeys(bytes.AsSpan(start, length - 1), "line");
                    lines.Add((raw, JsonDocument.Parse(raw).RootElement));
                    start = i + 1;
                }
            }
        }

        Check(lines.Count == accepted.Count, $"{lines.Count} lines for {accepted.Count} accepted traces");
        var expected = accepted.GroupBy(r => (r.Trace.TenantId, r.Trace.TraceId, r.Trace.SpanId)).ToDictionary(g => g.Key, g => g.Count());
        var found = lines.GroupBy(l => ((string?)l.Json.GetProperty("tenant_id").GetString(), (string?)l.Json.GetProperty("trace_id").GetString(), (string?)l.Json.GetProperty("span_id").GetString())).ToDictionary(g => g.Key, g => g.Count());
        Check(expected.Count == found.Count && expected.All(e => found.GetValueOrDefault(e.Key) == e.Value), "not exactly one line per accepted trace");

        foreach (var (raw, json) in lines)
        {
            CheckNoPii(planted, raw, "line");
            CheckNoPii(planted, DecodedStrings(json), "line (decoded)");
            Check(json.GetProperty("payload_stored").GetBoolean(), "payload_stored:false");
            var key = json.GetProperty("payload_key").GetString()!;
            var span = key[(key.LastIndexOf('/') + 1)..^".json".Length];
            var payload = await host.Store.ReadAsync(json.GetProperty("tenant_id").GetString()!, json.GetProperty("trace_id").GetString()!, span, CancellationToken.None);
            Check(payload is not null, $"no payload under {key}");
            Check(payload!.Sha256 == json.GetProperty("payload_sha256").GetString(), $"payload_sha256 of the line does not match the bytes under {key}");
            var text = Encoding.UTF8.GetString(payload.Content.Span);
            CheckNoPii(planted, text, "payload");
            using var document = JsonDocument.Parse(payload.Content, new JsonDocumentOptions { MaxDepth = 100_000 });
            CheckNoPii(planted, DecodedStrings(document.RootElement), "payload (decoded)");
            CheckNoDuplicateKeys(payload.Content.Span, "payload");
        }

        foreach (var record in host.Logs.GetSnapshot())
        {
            CheckNoPii(planted, record.Message + " " + record.Exception, "app log");
            Check(!HasUnsafeCharacter(record.Message), $"an app-log message carries a raw bidi, C1 or separator character: {record.Message}");
        }

        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            Check(file.StartsWith(logFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || file.StartsWith(Path.Combine(root, "payloads") + Path.DirectorySeparatorChar, StringComparison.Ordinal) || file.StartsWith(Path.Combine(root, "spool") + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"a file outside the configured folders: {file}");
        }
    }

    /// <summary>The portable-id rule, written independently of the library's validator.</summary>
    public static bool IsPortableId(string id) =>
        System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$") && !id.EndsWith('.')
        && !System.Text.RegularExpressions.Regex.IsMatch(id, "^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static string Hostile(HostileCase c, Random random) => c.Family switch
    {
        0 => new[] { "\uD800", "x\uDC00y", "\uDBFF", "\uDC00\uD800" }[c.Variant % 4],
        1 => "\u0000\u0001\u001F\u007F\u0080\u0085\u009B\u009F",
        2 => "\u2028line\u2029",
        3 => new[] { "\u202Eevil\u202C", "\u2066\u2067\u2068\u2069", "\u200E\u200F\u061C", "\u202A\u202B\u202D" }[c.Variant % 4],
        4 => new string('\u200B', 1 + (c.Salt % 2000)) + new string('\u0301', 1 + (c.Variant * 300)),
        5 => new[] { "\"}\n{\"trace_id\":\"evil\",\"x\":\"", "\\\"},{\"a\":1", "\r\n{}\n" }[c.Variant % 3],
        6 => new[] { "\u001b[31mred\u001b[0m", "\u001b]0;title\u0007", "\u001b[2J\u001b[H" }[c.Variant % 3],
        7 => new[] { "<script>alert(1)</script>", "&amp;&lt;&#x202E;", "<img src=x onerror=alert(1)>" }[c.Variant % 3],
        13 => RandomText(random, 1 + random.Next(64)),
        14 => Hostile(c with { Family = random.Next(8) }, random),
        _ => "plain",
    };

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }

    private static void Numbers(LlmTrace trace, HostileCase c, Random random)
    {
        double[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -1, double.Epsilon, -0.0, 86_400_001];
        int[] ints = [int.MaxValue, int.MinValue, -1, 0, 1_000_000_001];
        decimal[] costs = [decimal.MaxValue, decimal.MinValue, decimal.MaxValue - 1, -0.01m, 1_000_000.01m, 0.000_000_1m];
        trace.LatencyMs = doubles[c.Variant % doubles.Length];
        trace.TimeToFirstTokenMs = doubles[random.Next(doubles.Length)];
        trace.TokensPerSec = doubles[random.Next(doubles.Length)];
        trace.Temperature = doubles[random.Next(doubles.Length)];
        trace.PromptTokens = ints[random.Next(ints.Length)];
        trace.CompletionTokens = ints[random.Next(ints.Length)];
        trace.TotalTokens = ints[random.Next(ints.Length)];
        trace.CachedTokens = ints[random.Next(ints.Length)];
        trace.ReasoningTokens = ints[random.Next(ints.Length)];
        trace.MaxTokens = ints[random.Next(ints.Length)];
        trace.CostUsd = random.Next(3) == 0 ? null : costs[random.Next(costs.Length)];
        trace.Step = c.Variant % 2 == 0 ? int.MaxValue : 0;
    }

    private static void PathIdsInto(LlmTrace trace, HostileCase c, Random random)
    {
        string[] all = [.. PathIds, .. Reserved];
        var id = all[(c.Variant * 7 + c.Salt) % all.Length];
        switch (random.Next(4))
        {
            case 0:
                trace.TenantId = id;
                break;
            case 1:
                trace.TraceId = id;
                break;
            case 2:
                trace.SpanId = id;
                break;
            default:
                trace.ParentSpanId = id;
                break;
        }
    }

    private static void Structures(LlmTrace trace, HostileCase c, Random random, Func<string> text)
    {
        const int Many = 10_000;
        switch (c.Salt % 5)
        {
            case 0:
                trace.Tags = [.. Enumerable.Range(0, Many).Select(i => "t" + i.ToString(CultureInfo.InvariantCulture)), text(), "\uD800\u202E"];
                trace.Error = "\uDC00" + new string('e', 20_000) + text();
                break;
            case 1:
                trace.Messages = [.. Enumerable.Range(0, Many).Select(i => new LlmMessage("user", "m" + i.ToString(CultureInfo.InvariantCulture))), new LlmMessage("user", text())];
                break;
            case 2:
                var attributes = Enumerable.Range(0, Many).ToDictionary(i => "k" + i.ToString(CultureInfo.InvariantCulture), i => "v");
                attributes[text()] = text();
                trace.Attributes = attributes;
                break;
            case 3:
                trace.ResponseMessages = [new LlmMessage("assistant", null) { ToolCalls = [.. Enumerable.Range(0, Many).Select(i => new LlmToolCall { Id = "c" + i.ToString(CultureInfo.InvariantCulture), Name = "f", Arguments = "{}" }), new LlmToolCall { Name = text(), Arguments = text() }] }];
                break;
            default:
                trace.Tools = [new LlmToolDefinition { Name = text(), ParametersSchema = new string('[', 5_000 + random.Next(5_000)) + "1" + new string(']', 5_000) }];
                break;
        }
    }

    private static bool HasUnsafeCharacter(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u007F' and <= '\u009F') or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or (< ' '))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckNoPii(List<string> planted, string text, string where)
    {
        foreach (var pii in planted)
        {
            var at = text.IndexOf(pii, StringComparison.Ordinal);
            if (at >= 0)
            {
                var from = Math.Max(0, at - 80);
                var context = text.Substring(from, Math.Min(text.Length - from, pii.Length + 160));
                Check(false, $"planted PII '{pii}' in a {where}: …{JsonSerializer.Serialize(context)}…");
            }
        }
    }

    private static string DecodedStrings(JsonElement element)
    {
        var builder = new StringBuilder();
        Collect(element, builder);
        return builder.ToString();

        static void Collect(JsonElement e, StringBuilder b)
        {
            var stack = new Stack<JsonElement>();
            stack.Push(e);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                switch (current.ValueKind)
                {
                    case JsonValueKind.String:
                        b.Append(current.GetString()).Append('\n');
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in current.EnumerateObject())
                        {
                            b.Append(property.Name).Append('\n');
                            stack.Push(property.Value);
                        }

                        break;
                    case JsonValueKind.Array:
                        foreach (var item in current.EnumerateArray())
                        {
                            stack.Push(item);
                        }

                        break;
                }
            }
        }
    }

    private static void CheckNoDuplicateKeys(ReadOnlySpan<byte> json, string where)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 100_000 });
        var scopes = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    Check(scopes.Peek()!.Add(name), $"duplicate JSON key '{name}' in a {where}");
                    break;
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
