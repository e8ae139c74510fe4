#pragma warning disable EXTEXP0002 // The HMAC redactor is marked experimental; its output format is what we rely on and is tested.

using System.Buffers;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace LlmIngest.Redaction;

/// <summary>
/// Short keyed pseudonyms from the HMAC-SHA256 redactor of <c>Microsoft.Extensions.Compliance.Redaction</c>: the same
/// value gives the same token under the same key, and the token reveals nothing without it.
/// </summary>
internal sealed class KeyedPseudonymizer : IDisposable
{
    /// <summary>Characters of the pseudonym kept from the redactor's base64 hash: 72 bits, collisions are negligible per key.</summary>
    public const int TokenLength = 12;

    // The redactor writes the key id ("1", followed by ':' in recent versions), then the base64 HMAC-SHA256 of the value.
    private const int KeyId = 1;

    private static readonly DataClassification Classification = new("LlmIngest", "Pseudonym");

    // A private container: the app's own AddRedaction/SetHmacRedactor configuration (and key) is never touched.
    private readonly ServiceProvider _services;
    private readonly Redactor _redactor;

    public KeyedPseudonymizer(string base64Key)
    {
        var services = new ServiceCollection();
        services.AddRedaction(builder => builder.SetHmacRedactor(
            options =>
            {
                options.Key = base64Key;
                options.KeyId = KeyId;
            },
            new DataClassificationSet(Classification)));
        _services = services.BuildServiceProvider();
        _redactor = _services.GetRequiredService<IRedactorProvider>().GetRedactor(new DataClassificationSet(Classification));
    }

    /// <summary>Writes the pseudonym of <paramref name="value"/> (<see cref="TokenLength"/> base64url characters) into <paramref name="destination"/>.</summary>
    public void Write(ReadOnlySpan<char> value, Span<char> destination)
    {
        var length = _redactor.GetRedactedLength(value);
        var rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var written = _redactor.Redact(value, rented);
            var output = rented.AsSpan(0, written);
            var separator = output[..Math.Min(output.Length, 4)].IndexOf(':');
            var hashStart = separator >= 0 ? separator + 1 : 1;
            if (written < hashStart + TokenLength)
            {
                throw new InvalidOperationException($"The HMAC redactor wrote {written} characters; a pseudonym needs {hashStart + TokenLength}.");
            }

            var hash = output.Slice(hashStart, TokenLength);
            for (var i = 0; i < TokenLength; i++)
            {
                destination[i] = hash[i] switch
                {
                    '+' => '-',
                    '/' => '_',
                    var c => c,
                };
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    public void Dispose() => _services.Dispose();
}
