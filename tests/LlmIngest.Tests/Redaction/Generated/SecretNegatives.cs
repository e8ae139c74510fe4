using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Hard negatives for the secret detectors: text that has the shape or the setting name of a secret and holds none.
/// Each category has a few templates and random fillers; every case must come out of redaction unchanged.
/// </summary>
internal static class SecretNegatives
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "Please summarise the attached quarterly report.",
        "Shipping is free for orders above fifty euros.",
        "Our office is closed on public holidays.",
        "Translate this paragraph into French.",
    ];

    private static readonly string[] Names = ["API_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "CLIENT_SECRET", "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "SLACK_WEBHOOK_URL", "AUTH_TOKEN"];

    private static readonly (string Category, Func<Random, string> Text)[] Categories =
    [
        ("hash", r => R(r, "sha256: {0}", "commit {1}", "etag: \"{2}\"", "checksum={0}", "md5 {2}  archive.tar.gz", "\"integrity\": \"{0}\"", "git checkout {1}", "Merge {3} into main")),
        ("uuid", r => R(r, "request_id={4}", "{{\"trace_id\": \"{4}\", \"span\": 3}}", "X-Request-Id: {4}", "order {4} was cancelled", "idempotency_key: {4}")),
        ("base64-text", r => R(r, "\"data\": \"{5}\"", "payload={5}", "Content: {5}", "decoded {5} to text")),
        ("placeholder", r => Named(r,
            "{N}=<your-api-key>", "\"{s}\": \"YOUR_{N}\"", "{N}=${{{N}}}", "{s}: \"{{{{ .Values.{s} }}}}\"", "export {N}=$(cat /run/secrets/{s})",
            "{N}=xxxxxxxxxxxxxxxx", "{s}: \"<{s}>\"", "{N}=%{N}%", "{s} = os.environ[\"{N}\"]", "{s}: ${{{{ secrets.{N} }}}}",
            "{N}=your-{s}-here", "{\"{s}\": null}", "{N}=", "{s}: \"\"")),
        ("masked", r => Named(r,
            "Password=********;", "{N}=****************", "\"{s}\": \"[REDACTED]\"", "{s}: '••••••••'", "redis://:****@cache.example.org:6379",
            "postgres://app:********@db.example.com/app", "{s}: \"***\"", "{N}=[PASSWORD]", "Authorization: Basic ********", "curl -u admin:**** https://x.example.com")),
        ("version", r => R(r, "v{6}.{7}.{8}", "version: {6}.{7}.{8}-rc.{9}", "node {6}.{7}.{8} and npm {7}.{8}.{9}", "dotnet-sdk-10.0.{8}", "image: example/api:{6}.{7}.{8}")),
        ("identifier", r => R(r,
            "max_tokens: {10}", "\"prompt_tokens\": {10}, \"completion_tokens\": {11}", "token_count={10}", "password_policy: strict",
            "\"secret_name\": \"db-creds-{9}\"", "key_length: 2048", "\"tokenizer\": \"cl100k_base\"", "api_key_id: {10}",
            "use sk-learn compatible estimators", "task-runner-sk-{9} finished", "\"next_page_token\": \"{12}\"", "cancellationToken: ct",
            "\"csrf_token\": \"{12}\"", "primary_key: id", "auth_type: oauth2", "token_type: bearer", "\"credentials\": \"include\"")),
        ("code-reference", r => R(r,
            "password = os.environ[\"DB_PASSWORD\"]", "token = get_token()", "api_key=settings.OPENAI_API_KEY", "def connect(host: str, password: str) -> Conn:",
            "self.password = password", "password: string;", "String password = getPassword();", "client = OpenAI(api_key=api_key)",
            "if password == expected:", "const token = process.env.GITHUB_TOKEN;", "secret := os.Getenv(\"CLIENT_SECRET\")", "pwd: /home/runner/work/app")),
        ("prose", r => R(r,
            "The password is incorrect.", "Your password must be at least 12 characters long.", "The API key was rotated yesterday.",
            "Reset your password from the settings page.", "Bearer tokens expire after an hour.", "Basic authentication is disabled on this endpoint.",
            "Use -u to set the user name.", "The token limit was reached at {10} tokens.", "My password was changed by the admin.",
            "The password is required and is stored hashed.", "Forgot your password? Click here.", "The secret to good bread is patience.")),
        ("url-without-credentials", r => R(r,
            "redis://cache.example.org:6379/0", "postgres://db.example.com:5432/app", "https://api.slack.com/messaging/webhooks",
            "https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html", "https://hooks.slack.com/", "amqp://mq.example.net/",
            "see https://discord.com/developers/docs/resources/webhook")),
        ("look-alike", r => R(r,
            "AKIA is the prefix of access key ids", "ghp_ is the prefix of GitHub classic tokens", "the glpat- prefix identifies GitLab tokens",
            "npm_ tokens are 40 characters", "docker run -u 1000:1000 app", "eyJ is how base64-encoded JSON starts", "SK-{9} was the ticket",
            "key-value stores such as redis", "sl. is an abbreviation", "hf_transfer speeds up downloads", "xoxb- tokens belong to bots",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{13} user@host")),
        ("random-text", r => Sentences[r.Next(Sentences.Length)] + " Ref " + r.Next(1000, 99999).ToString(CultureInfo.InvariantCulture) + "."),
    ];

    /// <summary>At least 500 negatives: every category, random fillers.</summary>
    public static IEnumerable<SecretSample> Generate(Random r)
    {
        for (var i = 0; i < 55; i++)
        {
            foreach (var (category, text) in Categories)
            {
                yield return new SecretSample(category, text(r), null);
            }
        }
    }

    // {0} sha256, {1} sha1, {2} md5, {3} short sha, {4} uuid, {5} base64 of a sentence, {6}-{9} small numbers,
    // {10}-{11} token counts, {12} random cursor, {13} random base64 tail.
    private static string R(Random r, params string[] templates)
    {
        var sentence = Sentences[r.Next(Sentences.Length)];
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sentence + r.Next())));
        object[] values =
        [
            sha256, sha256[..40], sha256[..32], sha256[..7], SecretShapes.Uuid(r), Convert.ToBase64String(Encoding.UTF8.GetBytes(sentence)),
            r.Next(0, 20), r.Next(0, 40), r.Next(0, 200), r.Next(1, 9), r.Next(16, 128000), r.Next(1, 4000),
            SecretShapes.S(r, Alnum, 24), SecretShapes.S(r, Alnum, 40),
        ];
        return string.Format(CultureInfo.InvariantCulture, templates[r.Next(templates.Length)], values);
    }

    private static string Named(Random r, params string[] templates)
    {
        var name = Names[r.Next(Names.Length)];
        return templates[r.Next(templates.Length)]
            .Replace("{N}", name, StringComparison.Ordinal)
            .Replace("{s}", name.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{{", "{", StringComparison.Ordinal)
            .Replace("}}", "}", StringComparison.Ordinal);
    }
}
