namespace LlmIngest.Tests.Redaction;

/// <summary>
/// Near-misses of the vendor-key, secret-setting, prose-password and HTTP-credential detectors: their anchors, anchors
/// that need a look-behind, separators with and without escaped quotes, and values that never close.
/// </summary>
internal static class AdversarialSecretSeeds
{
    public static readonly string[] All =
    [
        "glpat-", "glpat-a", "npm_", "SK", "SK0", "SG.", "key-", "-us", "0-us", "a-us1", "Q~", "1Q~", ":AA", "1:AA",
        "hooks.slack.com/", "hooks.slack.com/services/", "sentry.io", "a@sentry.io", "0@", ".atlasv1.", "a.atlasv1.", "NRAL",
        "0NRAL", "_mmk", "a_mmk", "pat", "pat.", "sl.", "eyJrIjoi", "AccountKey=", "sk-", "xapp-", "xoxe.", "hf_", "pypi-AgE",
        "api_key=", "api_key=a", "token: ", "token:\"", "secret=\"", "pw:'", "pw:\"", "pw=", "pw=pw", "\\\"password\\\":\\\"",
        "\\\\\\\"pw\\\\\\\":\\\"", "password=", "password is ", "my password is a", "password was the ", "pwd ", "Authorization: ",
        "Authorization: Basic ", "Authorization: Digest response=", "authorization=a ", "Basic ", "Basic YTpi", "-u ", " -u a:",
        " --user=", " -u 'a:", "key", "auth=", "--password ", "\"", "\\", "pass",
    ];
}
