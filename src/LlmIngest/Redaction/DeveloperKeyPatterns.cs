using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The patterns of <see cref="VendorKeyFormats"/> for developer tools, package registries and SaaS APIs: GitLab, npm,
/// PyPI, RubyGems, Artifactory, Postman, Linear, Notion, Atlassian, Dropbox, Shopify, Square, Stripe, Shippo, ReadMe,
/// Prefect, PlanetScale, Sourcegraph, MaxMind.
/// </summary>
internal static partial class DeveloperKeyPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\G(?:gl(?:pat|dt|ptt|rt|cbt|imt|agent|oas|soat|ffct|ft)-|GR1348941)[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{2,64}){0,2}", Options)]
    public static partial Regex GitLab();

    [GeneratedRegex(@"\Gnpm_[A-Za-z0-9]{36}", Options)]
    public static partial Regex Npm();

    [GeneratedRegex(@"\Gpypi-AgE[A-Za-z0-9_-]{70,1000}", Options)]
    public static partial Regex PyPi();

    [GeneratedRegex(@"\Grubygems_[a-f0-9]{48}", Options)]
    public static partial Regex RubyGems();

    [GeneratedRegex(@"\GAKCp[A-Za-z0-9]{69}", Options)]
    public static partial Regex Artifactory();

    [GeneratedRegex(@"\GPMAK-[a-f0-9]{24}-[a-f0-9]{34}", Options)]
    public static partial Regex Postman();

    [GeneratedRegex(@"\Glin_(?:api|oauth)_[A-Za-z0-9]{40}", Options)]
    public static partial Regex Linear();

    [GeneratedRegex(@"\G(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})", Options)]
    public static partial Regex Notion();

    [GeneratedRegex(@"\GATATT3[A-Za-z0-9_=-]{100,300}", Options)]
    public static partial Regex Atlassian();

    [GeneratedRegex(@"\Gsl\.(?:u\.)?[A-Za-z0-9_=-]{130,1400}", Options)]
    public static partial Regex Dropbox();

    [GeneratedRegex(@"\Gshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", Options)]
    public static partial Regex Shopify();

    [GeneratedRegex(@"\G(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})", Options)]
    public static partial Regex Square();

    [GeneratedRegex(@"\Gwhsec_[A-Za-z0-9+/]{32,80}={0,2}", Options)]
    public static partial Regex StripeWebhookSecret();

    [GeneratedRegex(@"\Gshippo_(?:live|test)_[a-fA-F0-9]{40}", Options)]
    public static partial Regex Shippo();

    [GeneratedRegex(@"\Grdme_[a-z0-9]{70}", Options)]
    public static partial Regex ReadMe();

    [GeneratedRegex(@"\Gpnu_[A-Za-z0-9]{36}", Options)]
    public static partial Regex Prefect();

    [GeneratedRegex(@"\Gpscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}", Options)]
    public static partial Regex PlanetScale();

    [GeneratedRegex(@"\Gsgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40}", Options)]
    public static partial Regex Sourcegraph();

    [GeneratedRegex(@"[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk", Options)]
    public static partial Regex MaxMind();
}
