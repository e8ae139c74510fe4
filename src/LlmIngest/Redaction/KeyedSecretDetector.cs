using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// The value of a setting whose name says it is a credential, wherever settings are written: JSON (also inside an
/// encoded JSON string, <c>\"password\":\"…\"</c>), YAML, ENV files and <c>export</c>, connection strings, query strings,
/// HTTP headers, code (<c>api_key = "…"</c>) and command-line flags (<c>--password=…</c>). The name and the separator are
/// kept, only the value is replaced. One instance handles one <see cref="SecretNameKind"/>, so each is its own detector
/// (its own kind, counter and switch). Placeholders, masks and references are left alone (<see cref="SecretValueText"/>).
/// </summary>
internal sealed class KeyedSecretDetector : IPiiDetector
{
    private static readonly SearchValues<string> PasswordAnchors =
        SearchValues.Create(["pass", "pwd", "pw"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> SecretAnchors =
        SearchValues.Create(["secret", "token", "key", "auth", "credential", "creds", "sig"], StringComparison.OrdinalIgnoreCase);

    private readonly SecretNameKind _names;
    private readonly SearchValues<string> _anchors;

    public KeyedSecretDetector(SecretNameKind names)
    {
        _names = names;
        _anchors = names == SecretNameKind.Password ? PasswordAnchors : SecretAnchors;
        (Kind, Marker) = names == SecretNameKind.Password ? ("password", "[PASSWORD]") : ("secret", "[SECRET]");
    }

    public string Kind { get; }

    public string Marker { get; }

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(_anchors);
            if (next < 0)
            {
                return;
            }

            var anchor = from + next;
            var (nameStart, nameEnd) = SettingSyntax.NameAround(text, anchor);
            from = Math.Max(nameEnd, anchor + 1);
            if (nameEnd - nameStart > SecretName.MaxLength || SecretName.Classify(text.AsSpan(nameStart, nameEnd - nameStart)) != _names)
            {
                continue;
            }

            if (SettingSyntax.TryFindValue(text, nameStart, nameEnd, out var valueStart, out var valueLength, out var quoted)
                && IsCredential(text.AsSpan(valueStart, valueLength), quoted, text.AsSpan(nameStart, nameEnd - nameStart)))
            {
                matches.Add(new RedactionMatch(valueStart, valueLength, priority, this));
                from = valueStart + valueLength;
            }
        }
    }

    private bool IsCredential(ReadOnlySpan<char> value, bool quoted, ReadOnlySpan<char> name)
    {
        if (SecretValueText.IsPlaceholder(value, quoted))
        {
            return false;
        }

        if (_names == SecretNameKind.Password)
        {
            // $PWD and $OLDPWD are directories in every environment dump.
            return value.Length >= 3 && !(name.EndsWith("pwd", StringComparison.OrdinalIgnoreCase) && value[0] is '/' or '~');
        }

        // A URL under a secret name (a DSN, a webhook) keeps its host: its password or key has detectors of its own.
        return SecretValueText.LooksGenerated(value) && !value.Contains("://", StringComparison.Ordinal);
    }
}
