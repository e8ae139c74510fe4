namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// One secret format of the generated corpus: a category (for the miss report), the setting name it usually lives under,
/// whether it can only be recognised by that name (a bare 32-hex Datadog key is not a secret by shape), and a generator
/// of random values of the documented shape. <see cref="Value"/> returns the full text to embed and the part that must
/// not survive redaction (a webhook's token, a DSN's key).
/// </summary>
internal sealed record SecretShape(string Category, string Name, bool NeedsName, Func<Random, (string Text, string Secret)> Value)
{
    public static SecretShape Of(string category, string name, Func<Random, string> value, bool needsName = false) =>
        new(category, name, needsName, r =>
        {
            var v = value(r);
            return (v, v);
        });
}
