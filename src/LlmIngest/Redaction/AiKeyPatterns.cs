using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The patterns of <see cref="VendorKeyFormats"/> for aI model providers: Hugging Face, Perplexity, Groq, Replicate,
/// LangSmith, xAI, OpenRouter / DeepSeek.
/// </summary>
internal static partial class AiKeyPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\G(?:hf_|api_org_)[A-Za-z0-9]{34,40}", Options)]
    public static partial Regex HuggingFace();

    [GeneratedRegex(@"\Gpplx-[A-Za-z0-9]{48}", Options)]
    public static partial Regex Perplexity();

    [GeneratedRegex(@"\Ggsk_[A-Za-z0-9]{52}", Options)]
    public static partial Regex Groq();

    [GeneratedRegex(@"\Gr8_[A-Za-z0-9]{37}", Options)]
    public static partial Regex Replicate();

    [GeneratedRegex(@"\Glsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", Options)]
    public static partial Regex LangSmith();

    [GeneratedRegex(@"\Gxai-[A-Za-z0-9]{70,90}", Options)]
    public static partial Regex XAi();

    [GeneratedRegex(@"\Gsk-(?:or-v1-[a-f0-9]{64}|[a-f0-9]{32})", Options)]
    public static partial Regex HexSkKey();
}
