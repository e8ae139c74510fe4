using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The patterns of <see cref="VendorKeyFormats"/> for messaging, email and chat services: Slack, Discord, Teams,
/// Twilio, SendGrid, Mailgun, Mailchimp, Brevo, Telegram.
/// </summary>
internal static partial class MessagingKeyPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\Gxapp-[0-9]-[A-Za-z0-9]{6,20}-[0-9]{6,20}-[A-Za-z0-9]{20,120}|\Gxoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}", Options)]
    public static partial Regex SlackToken();

    [GeneratedRegex(@"\Ghooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_-]{30,160})", Options)]
    public static partial Regex SlackWebhook();

    [GeneratedRegex(@"\Gdiscord(?:app)?\.com/api/webhooks/(?<secret>[0-9]{17,20}/[A-Za-z0-9_-]{60,80})", Options)]
    public static partial Regex DiscordWebhook();

    [GeneratedRegex(@"\Gwebhook\.office\.com/webhookb2/(?<secret>[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}/IncomingWebhook/[0-9a-fA-F]{32}/[0-9a-fA-F-]{36}(?:/[A-Za-z0-9_-]{10,80})?)", Options)]
    public static partial Regex TeamsWebhook();

    [GeneratedRegex(@"\GSK[0-9a-fA-F]{32}", Options)]
    public static partial Regex Twilio();

    [GeneratedRegex(@"\GSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", Options)]
    public static partial Regex SendGrid();

    [GeneratedRegex(@"\Gkey-[0-9a-f]{32}", Options)]
    public static partial Regex Mailgun();

    [GeneratedRegex(@"[0-9a-f]{32}-us[0-9]{1,2}", Options)]
    public static partial Regex Mailchimp();

    [GeneratedRegex(@"\Gxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", Options)]
    public static partial Regex Brevo();

    [GeneratedRegex(@"[0-9]{5,16}:AA[A-Za-z0-9_-]{33}", Options)]
    public static partial Regex Telegram();
}
