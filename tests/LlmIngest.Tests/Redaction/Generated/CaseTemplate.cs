using Bogus;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// A realistic place for a value: a chat message, a JSON tool result, a CSV row, a log line, a URL, a markdown table,
/// a config or code snippet. <c>Render(faker, label, value)</c> gets the value already spelled in <see cref="Encoding"/>;
/// the label is a key or word naming the value (<c>phone</c>, <c>customer_ssn</c>) when <see cref="UsesLabel"/>.
/// </summary>
internal sealed record CaseTemplate(string Family, TextEncoding Encoding, bool UsesLabel, Func<Faker, string, string, string> Render);
