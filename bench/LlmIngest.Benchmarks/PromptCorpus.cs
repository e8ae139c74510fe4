using System.Text;

namespace LlmIngest.Benchmarks;

/// <summary>
/// About 1 MB of realistic LLM traffic: support tickets, chat turns, code, JSON tool results and logs, with sparse PII and
/// secrets (one finding per ~2 KB), cut into messages of 0.5-4 KB as a trace carries them. Deterministic.
/// </summary>
internal static class PromptCorpus
{
    private static readonly string[] Paragraphs =
    [
        "The customer says the export to CSV has been failing since the last update. They tried clearing the cache and logging in again, but the job still stops at 87% with a timeout. Please summarise the issue and suggest next steps for the support engineer.",
        "You are a helpful assistant for an online shop. Answer in at most three sentences, be polite, and never promise refunds that the policy does not allow. If the question is about shipping, quote the delivery window from the order.",
        "def parse_order(line: str) -> Order:\n    fields = line.split(';')\n    return Order(id=int(fields[0]), sku=fields[1], qty=int(fields[2]), price=float(fields[3]))\n\nThis function fails on lines with a trailing semicolon; fix it and add a test.",
        "{\"order_id\": 20240501, \"status\": \"shipped\", \"items\": [{\"sku\": \"KB-104\", \"qty\": 2, \"price\": 49.99}, {\"sku\": \"MS-220\", \"qty\": 1, \"price\": 19.5}], \"carrier\": \"UPS\", \"eta\": \"2024-05-04\"}",
        "2024-11-23T11:13:50.268Z INFO request handled in 412 ms, tokens prompt=245 completion=31, model gpt-4o-mini, cache hit ratio 0.73, queue depth 12, retries 0.",
        "Translate the following paragraph into German, keeping product names in English: Our new wireless keyboard ships with a rechargeable battery that lasts up to three months on a single charge, and pairs with up to three devices.",
        "The quarterly report shows revenue grew 12.5% year over year, driven by the enterprise segment. Churn fell to 2.1%, and the average contract value rose to 18,400. Highlight risks in the forecast for Q3.",
        "Stack trace: System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)\n   at Shop.Orders.OrderService.GetLatest(Int32 customerId) in OrderService.cs:line 118",
    ];

    private static readonly string[] Findings =
    [
        "Please contact jane.doe@example.com about this.",
        "Call me back at (415) 555-0132 tomorrow.",
        "Card on file 4111 1111 1111 1111 was declined.",
        "My SSN is 219-09-9999 for the tax form.",
        "Wire it to DE89 3704 0044 0532 0130 00 please.",
        "The request came from 203.0.113.42 at noon.",
        "export OPENAI_API_KEY=sk-proj-FAKEexample0123456789abcdefGHIJKLmnop",
        "Authorization: Bearer FAKEtoken0123456789abcdefABCDEF",
        "postgres://app:FakePass123@db.example.com:5432/shop",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    ];

    public static IReadOnlyList<string> Create(int totalChars = 1 << 20)
    {
        var random = new Random(42);
        var messages = new List<string>();
        var total = 0;
        var sinceFinding = 0;
        var findingIndex = 0;
        while (total < totalChars)
        {
            var target = random.Next(512, 4096);
            var message = new StringBuilder(target + 256);
            while (message.Length < target)
            {
                if (sinceFinding >= 2048)
                {
                    message.Append(Findings[findingIndex++ % Findings.Length]).Append(' ');
                    sinceFinding = 0;
                }

                var paragraph = Paragraphs[random.Next(Paragraphs.Length)];
                message.Append(paragraph).Append("\n\n");
                sinceFinding += paragraph.Length + 2;
            }

            messages.Add(message.ToString());
            total += message.Length;
        }

        return messages;
    }
}
