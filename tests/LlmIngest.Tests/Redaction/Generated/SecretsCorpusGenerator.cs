using System.Globalization;
using System.Text;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// A seeded generator of secrets embedded in the text LLM traffic carries — ENV files, shell exports, JSON and JSON tool
/// results with escapes, YAML, code in four languages, curl commands, logs, markdown, URLs and prose — and of hard
/// negatives that look like secrets and are not (hashes, UUIDs, git SHAs, base64 of text, placeholders, masked values,
/// versions, identifiers, code references). Every shape gets every template that fits it, with random values, so nobody
/// picks the cases a detector passes.
/// </summary>
internal static class SecretsCorpusGenerator
{
    private static readonly string[] Hosts = ["db.internal.example.com", "db-replica.example.com", "cache.example.org", "mq.example.net", "pg-primary.svc.cluster.local"];
    private static readonly string[] Users = ["app", "admin", "svc_billing", "deploy", "root", "reporting"];

    // Templates that name the setting: {N} = UPPER_SNAKE name, {s} = snake_case, {c} = camelCase, {P} = PascalCase, {h} = Header-Case, {V} = value.
    private static readonly string[] NamedTemplates =
    [
        "{N}={V}",
        "export {N}=\"{V}\"",
        "{\"{s}\": \"{V}\", \"region\": \"eu-west-1\"}",
        "{\"role\":\"tool\",\"content\":\"{\\\"config\\\":{\\\"{s}\\\":\\\"{V}\\\",\\\"timeout\\\":30}}\"}",
        "{\"output\": \"loaded .env\\n{N}={V}\\nPORT=8080\\n\"}",
        "settings:\n  {s}: {V}\n  retries: 3",
        "  {s}: \"{V}\"",
        "docker run --rm -e {N}={V} ghcr.io/example/worker:1.4.2",
        "{s} = \"{V}\"",
        "options.{P} = \"{V}\";",
        "const client = new Client({ {c}: '{V}', timeout: 5000 });",
        "2025-01-12T08:15:02.118Z INFO config resolved {N}={V} source=env",
        "curl -s -H \"{h}: {V}\" https://api.example.com/v1/status",
        "[default]\n{s} = {V}\n",
        "Here is my .env, can you see why it fails?\n\nDEBUG=true\n{N}={V}\nLOG_LEVEL=info",
    ];

    // Templates with no name in them: only for shapes a detector can know by their form.
    private static readonly string[] BareTemplates =
    [
        "Use {V} for the staging deploy.",
        "client = Client(\"{V}\")",
        "2025-03-04T10:11:12Z DEBUG outbound call with {V} rejected (401)",
        "| prod | {V} | active |",
        "{\"content\":\"first line\\n{V}\\nthird line\"}",
        "Here is the key you asked for:\n\n```\n{V}\n```",
        "curl https://api.example.com/v1/me -H \"Authorization: Bearer {V}\"",
        "I accidentally pasted {V} in the channel, rotate it please",
    ];

    private static readonly string[] ProseTemplates =
    [
        "my password is {V}",
        "The wifi password is {V} if anyone asks.",
        "I changed the admin password to {V} yesterday",
        "Login with user admin and password {V}",
        "the password for the staging db was {V}, please rotate it",
        "Hi team, the new vpn passphrase is \"{V}\".",
        "FYI: my password is now {V}",
        "password: {V}",
        "pwd: {V}",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"my password is {V}\\nwhy can't I log in?\"}]}",
    ];

    /// <summary>Generates the corpus for <paramref name="seed"/>: every shape in every template that fits, <paramref name="perShape"/> values per shape.</summary>
    public static List<SecretSample> Generate(int seed, int perShape = 14)
    {
        var r = new Random(seed);
        var samples = new List<SecretSample>();
        foreach (var shape in SecretShapes.All)
        {
            var templates = shape.NeedsName ? NamedTemplates : [.. NamedTemplates, .. BareTemplates];
            for (var i = 0; i < perShape; i++)
            {
                var (text, secret) = shape.Value(r);
                var template = templates[r.Next(templates.Length)];
                samples.Add(new SecretSample(shape.Category, Fill(template, shape.Name, text), secret));
            }
        }

        for (var i = 0; i < 40; i++)
        {
            samples.Add(UrlPassword(r));
            samples.Add(BasicAuth(r));
            samples.Add(CurlUser(r));
            samples.Add(Digest(r));
            samples.Add(ProsePassword(r));
            samples.Add(PrivateKey(r));
        }

        samples.AddRange(SecretNegatives.Generate(r));
        return samples;
    }

    private static string Fill(string template, string name, string value)
    {
        var words = name.ToLowerInvariant().Split('_');
        var camel = new StringBuilder(words[0]);
        var pascal = new StringBuilder();
        var header = new StringBuilder("X");
        foreach (var word in words)
        {
            var capital = char.ToUpperInvariant(word[0]) + word[1..];
            pascal.Append(capital);
            header.Append('-').Append(capital);
        }

        for (var i = 1; i < words.Length; i++)
        {
            camel.Append(char.ToUpperInvariant(words[i][0])).Append(words[i][1..]);
        }

        return template
            .Replace("{N}", name, StringComparison.Ordinal)
            .Replace("{s}", name.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{c}", camel.ToString(), StringComparison.Ordinal)
            .Replace("{P}", pascal.ToString(), StringComparison.Ordinal)
            .Replace("{h}", header.ToString(), StringComparison.Ordinal)
            .Replace("{V}", value, StringComparison.Ordinal);
    }

    private static SecretSample UrlPassword(Random r)
    {
        var password = Uri.EscapeDataString(SecretShapes.Password(r));
        var host = SecretShapes.Pick(r, Hosts);
        var url = r.Next(6) switch
        {
            0 => $"postgres://{SecretShapes.Pick(r, Users)}:{password}@{host}:5432/app",
            1 => $"redis://:{password}@{host}:6379/0",
            2 => $"mongodb+srv://{SecretShapes.Pick(r, Users)}:{password}@cluster0.example.mongodb.net/prod?retryWrites=true",
            3 => $"amqp://{SecretShapes.Pick(r, Users)}:{password}@{host}:5672/",
            4 => $"https://{SecretShapes.Pick(r, Users)}:{password}@git.example.com/org/repo.git",
            _ => $"mysql://{SecretShapes.Pick(r, Users)}:{password}@{host}/shop",
        };
        var text = SecretShapes.Pick(r, $"DATABASE_URL={url}", $"{{\"dsn\": \"{url}\"}}", $"connecting to {url} failed: timeout", $"  url: {url}");
        return new SecretSample("url-password", text, password, Keep: "@" + (url.Contains("cluster0", StringComparison.Ordinal) ? "cluster0.example.mongodb.net" : url.Contains("git.example.com", StringComparison.Ordinal) ? "git.example.com" : host));
    }

    private static SecretSample BasicAuth(Random r)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(SecretShapes.Pick(r, Users) + ":" + SecretShapes.Password(r)));
        var text = SecretShapes.Pick(
            r,
            $"curl -H \"Authorization: Basic {credentials}\" https://api.example.com/v1/reports",
            $"headers = {{\"Authorization\": \"Basic {credentials}\", \"Accept\": \"application/json\"}}",
            $"GET /admin HTTP/1.1\r\nHost: example.com\r\nAuthorization: Basic {credentials}\r\n\r\n",
            $"{{\"request\":{{\"headers\":{{\\\"authorization\\\":\\\"Basic {credentials}\\\"}}}}}}",
            $"Proxy-Authorization: Basic {credentials}",
            $"the header was Basic {credentials} which the proxy rejected");
        return new SecretSample("http-basic", text, credentials);
    }

    private static SecretSample CurlUser(Random r)
    {
        var password = SecretShapes.S(r, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 8 + r.Next(10)) + SecretShapes.Pick(r, "!", "#", "%", "9");
        var user = SecretShapes.Pick(r, Users);
        var text = SecretShapes.Pick(
            r,
            $"curl -u {user}:{password} https://api.example.com/v1/export",
            $"curl --user '{user}:{password}' -X POST https://ci.example.com/job/build",
            $"curl -s -u \"{user}:{password}\" https://registry.example.com/v2/_catalog",
            $"$ curl --user={user}:{password} https://example.com/private.zip -o out.zip");
        return new SecretSample("curl-user", text, password);
    }

    private static SecretSample Digest(Random r)
    {
        var response = SecretShapes.S(r, "0123456789abcdef", 32);
        var text = $"Authorization: Digest username=\"{SecretShapes.Pick(r, Users)}\", realm=\"api@example.com\", nonce=\"{SecretShapes.S(r, "0123456789abcdef", 16)}\", uri=\"/v1/items\", qop=auth, nc=00000001, cnonce=\"{SecretShapes.S(r, "0123456789abcdef", 8)}\", response=\"{response}\"";
        return new SecretSample("http-digest", text, response);
    }

    private static SecretSample ProsePassword(Random r)
    {
        var password = SecretShapes.Password(r).TrimEnd('.', '?', '!');
        var template = ProseTemplates[r.Next(ProseTemplates.Length)];
        return new SecretSample("prose-password", template.Replace("{V}", password, StringComparison.Ordinal), password);
    }

    private static SecretSample PrivateKey(Random r)
    {
        var label = SecretShapes.Pick(r, "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
        var lines = new List<string>();
        for (var i = 0; i < 4 + r.Next(8); i++)
        {
            lines.Add(SecretShapes.S(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64));
        }

        var secret = lines[lines.Count / 2];
        var pem = $"-----BEGIN {label}-----\n{string.Join('\n', lines)}\n-----END {label}-----\n";
        var text = r.Next(3) switch
        {
            // A GCP service-account key file as JSON: the PEM's line breaks are \n escapes.
            0 => "{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo-" + r.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)
                + "\",\n  \"private_key_id\": \"" + SecretShapes.S(r, "0123456789abcdef", 40) + "\",\n  \"private_key\": \""
                + pem.Replace("\n", "\\n", StringComparison.Ordinal) + "\",\n  \"client_email\": \"svc@demo.iam.gserviceaccount.com\"\n}",
            1 => "Here is the deploy key:\n\n" + pem,
            _ => "{\"role\":\"tool\",\"content\":\"cat ~/.ssh/id_rsa\\n" + pem.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}",
        };
        return new SecretSample("private-key", text, secret);
    }
}
